/* test-flow.c: the flow loader accepts the default flow and names the line of each mistake. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>

#include "fixtures.h"
#include "mdg-error.h"
#include "mdg-flow.h"

#define HEAD "<flow version=\"t\">\n<step id=\"welcome\" kind=\"welcome\"><question>Hi</question><button>Go</button></step>\n"
/* The roles every flow must give, under ids the default flow does not use. */
#define ROLES "<step id=\"p\" role=\"purpose\" kind=\"single\"><question>P</question><choice id=\"x\">X</choice></step>\n" \
              "<step id=\"f\" role=\"followup\" kind=\"single\"><question>F</question><choice id=\"x\">X</choice></step>\n"
#define TAIL ROLES "<step id=\"review\" kind=\"review\"><question>R</question><button>Send</button></step>\n" \
             "<step id=\"done\" kind=\"done\"><question>D</question><button>End</button></step>\n</flow>\n"

static void
assert_rejected (const char *xml,
                 const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgFlow) flow = mdg_flow_new_from_data (xml, -1, "test.xml", &error);

  cr_assert_null (flow, "a broken flow was accepted:\n%s", xml);
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_FLOW_INVALID));
  cr_assert (strstr (error->message, expected) != NULL, "expected “%s” in “%s”", expected,
             error->message);
}

Test (flow, accepts_default_flow)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();

  cr_assert_str_eq (mdg_flow_get_version (flow), "1");
  cr_assert_str_eq (mdg_step_get_id (mdg_flow_get_first_step (flow)), "welcome");
  cr_assert_eq (g_list_model_get_n_items (mdg_flow_get_steps (flow)), 12);
  cr_assert_eq (mdg_step_get_max (mdg_flow_lookup_step (flow, "themes")), 3);
  cr_assert_eq (mdg_step_get_max (mdg_flow_lookup_step (flow, "details")), 400);
  cr_assert_eq (g_list_model_get_n_items (mdg_step_get_choices (mdg_flow_lookup_step (flow, "purpose"))), 7);
  cr_assert_eq (g_list_model_get_n_items (mdg_step_get_choices (mdg_flow_lookup_step (flow, "themes"))), 12);
  cr_assert_eq (mdg_step_get_n_info_paras (mdg_flow_lookup_step (flow, "forms")), 2);
}

Test (flow, accepts_data_flow_file_on_disk)
{
  g_autofree char *path = fixture_source_path ("data/flow.xml");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgFlow) flow = mdg_flow_new_from_file (file, &error);

  cr_assert_not_null (flow, "%s", error ? error->message : "");
}

Test (flow, rejects_duplicate_step_id_with_line)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\"><question>Q</question><choice id=\"x\">X</choice></step>\n"
                        "<step id=\"a\" kind=\"single\"><question>Q</question><choice id=\"x\">X</choice></step>\n" TAIL,
                   "test.xml:4: duplicate step id “a” (first on line 3)");
}

Test (flow, rejects_duplicate_choice_id)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\"><question>Q</question>\n<choice id=\"x\">X</choice>\n<choice id=\"x\">Y</choice></step>\n" TAIL,
                   "test.xml:5: duplicate choice id “x”");
}

Test (flow, rejects_branch_to_unknown_step)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\"><question>Q</question><choice id=\"x\">X</choice>\n"
                        "<branch when=\"a\" is=\"x\" to=\"nowhere\"/></step>\n" TAIL,
                   "test.xml:4: a branch in step “a” leads to an unknown step “nowhere”");
}

Test (flow, rejects_choice_next_to_unknown_step)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\"><question>Q</question>\n<choice id=\"x\" next=\"zz\">X</choice></step>\n" TAIL,
                   "unknown step “zz”");
}

Test (flow, rejects_unreachable_step)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\" next=\"review\"><question>Q</question><choice id=\"x\">X</choice></step>\n"
                        "<step id=\"island\" kind=\"single\"><question>Q</question><choice id=\"x\">X</choice></step>\n" TAIL,
                   "test.xml:4: step “island” cannot be reached");
}

Test (flow, rejects_cycle)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\"><question>Q</question><choice id=\"x\">X</choice><choice id=\"y\">Y</choice></step>\n"
                        "<step id=\"b\" kind=\"single\"><question>Q</question><choice id=\"x\" next=\"a\">X</choice>"
                        "<choice id=\"y\" next=\"review\">Y</choice></step>\n" TAIL,
                   "a cycle");
}

Test (flow, rejects_step_without_choices)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"multi\"><question>Q</question></step>\n" TAIL,
                   "test.xml:3: step “a” has no choices");
}

Test (flow, rejects_missing_label)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\"><question>Q</question>\n<choice id=\"x\">  </choice></step>\n" TAIL,
                   "test.xml:4: <choice> in step “a” has no label");
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\">\n<choice id=\"x\">X</choice></step>\n" TAIL,
                   "test.xml:3: step “a” has no <question>");
}

Test (flow, rejects_unknown_element)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\"><question>Q</question>\n<choise id=\"x\">X</choise></step>\n" TAIL,
                   "test.xml:4: unknown element <choise> in <step>");
}

Test (flow, rejects_unknown_kind_and_malformed_xml)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"dropdown\"><question>Q</question></step>\n" TAIL,
                   "test.xml:3: step “a” has an unknown kind “dropdown”");
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\"><question>Q</question>\n<choice id=\"x\">X</step>\n" TAIL,
                   "test.xml:4:");
}

Test (flow, rejects_unreadable_file_naming_it)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/flow.xml");
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgFlow) flow = mdg_flow_new_from_file (file, &error);

  cr_assert_null (flow);
  cr_assert (strstr (error->message, "/nonexistent/flow.xml") != NULL, "%s", error->message);
}

Test (flow, rejects_invalid_max)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"multi\" max=\"lots\"><question>Q</question><choice id=\"x\">X</choice></step>\n" TAIL,
                   "test.xml:3: step “a” has an invalid max “lots”");
}

Test (flow, rejects_choices_on_a_text_step)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"text\"><question>Q</question><choice id=\"x\">X</choice></step>\n" TAIL,
                   "test.xml:3: a text step (“a”) takes no choices");
}

Test (flow, rejects_review_without_button)
{
  assert_rejected (HEAD "<step id=\"review\" kind=\"review\"><question>R</question></step>\n"
                        "<step id=\"done\" kind=\"done\"><question>D</question><button>End</button></step>\n</flow>\n",
                   "test.xml:3: step “review” has no <button>");
}

Test (flow, rejects_branch_on_unknown_step_or_choice)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\"><question>Q</question><choice id=\"x\">X</choice>\n"
                        "<branch when=\"zz\" is=\"x\" to=\"review\"/></step>\n" TAIL,
                   "test.xml:4: a branch in step “a” asks about an unknown step “zz”");
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\"><question>Q</question><choice id=\"x\">X</choice>\n"
                        "<branch when=\"a\" is=\"nope\" to=\"review\"/></step>\n" TAIL,
                   "test.xml:4: a branch in step “a” asks for choice “nope”, which step “a” does not have");
}

Test (flow, rejects_a_step_leading_straight_to_done)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\" next=\"done\"><question>Q</question><choice id=\"x\">X</choice></step>\n" TAIL,
                   "test.xml:3: step “a” leads to the done step; only the review may, after Send");
}

Test (flow, rejects_flow_not_starting_with_welcome)
{
  assert_rejected ("<flow version=\"t\">\n<step id=\"a\" kind=\"single\"><question>Q</question><choice id=\"x\">X</choice></step>\n" TAIL,
                   "test.xml:2: the first step (“a”) must be the welcome");
}

Test (flow, rejects_second_review)
{
  assert_rejected (HEAD "<step id=\"review2\" kind=\"review\"><question>R</question><button>Send</button></step>\n" TAIL,
                   "a second review step");
}

Test (flow, rejects_stray_text)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\">oops<question>Q</question><choice id=\"x\">X</choice></step>\n" TAIL,
                   "test.xml:3: unexpected text “oops”");
}

/* A linear flow of n text steps between the welcome and the review. */
static GString *
linear_flow (guint n)
{
  GString *xml = g_string_new (HEAD);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml, "<step id=\"s%u\" kind=\"text\"><question>Q</question></step>\n", i);
  g_string_append (xml, TAIL);
  return xml;
}

static void
assert_refused_quickly (const char *xml,
                        gssize      length,
                        const char *expected)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (MdgFlow) flow = mdg_flow_new_from_data (xml, length, "big.xml", &error);
  gint64 took = g_get_monotonic_time () - start;

  cr_assert_null (flow);
  cr_assert (strstr (error->message, expected) != NULL, "expected “%s” in “%.400s”", expected,
             error->message);
  cr_assert_lt (strlen (error->message), 400, "a short message, not %zu bytes", strlen (error->message));
  cr_assert_lt (took, G_USEC_PER_SEC, "refused in %" G_GINT64_FORMAT " ms", took / 1000);
}

Test (flow, a_150000_step_flow_is_refused_quickly_without_a_crash)
{
  g_autoptr (GString) xml = linear_flow (150000);
  g_autoptr (GString) full = linear_flow (200 - 5); /* with welcome, ROLES, review, done */
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgFlow) flow = NULL;

  /* Over the file size limit as a whole, and over the step limit once under it. */
  assert_refused_quickly (xml->str, xml->len, "larger than 1024 KB");
  g_string_truncate (xml, 900 * 1024);
  assert_refused_quickly (xml->str, xml->len, "big.xml:202: more than 200 steps (step “s199”)");

  flow = mdg_flow_new_from_data (full->str, full->len, "full.xml", &error);
  cr_assert_not_null (flow, "200 steps are allowed: %s", error != NULL ? error->message : "");
}

Test (flow, refuses_too_many_choices_or_branches)
{
  g_autoptr (GString) choices = g_string_new (HEAD "<step id=\"a\" kind=\"multi\"><question>Q</question>\n");
  g_autoptr (GString) branches = g_string_new (HEAD "<step id=\"a\" kind=\"single\"><question>Q</question>"
                                               "<choice id=\"x\">X</choice>\n");

  for (guint i = 0; i < 51; i++)
    g_string_append_printf (choices, "<choice id=\"c%u\">C</choice>\n", i);
  g_string_append (choices, "</step>\n" TAIL);
  assert_refused_quickly (choices->str, -1, "big.xml:54: step “a” has more than 50 choices");
  for (guint i = 0; i < 51; i++)
    g_string_append (branches, "<branch when=\"a\" is=\"x\" to=\"review\"/>\n");
  g_string_append (branches, "</step>\n" TAIL);
  assert_refused_quickly (branches->str, -1, "more than 50 branches");
}

Test (flow, a_huge_id_label_or_version_gives_a_short_message)
{
  g_autofree char *id = g_strnfill (10 * 1024 * 1024, 'i');
  g_autofree char *medium = g_strnfill (100 * 1024, 'v');
  g_autofree char *huge_id = g_strdup_printf (HEAD "<step id=\"%s\" kind=\"text\"><question>Q</question></step>\n" TAIL, id);
  g_autofree char *big_id = g_strdup_printf (HEAD "<step id=\"%s\" kind=\"text\"><question>Q</question></step>\n" TAIL, medium);
  g_autofree char *big_version = g_strdup_printf ("<flow version=\"%s\">\n</flow>\n", medium);
  g_autofree char *big_label = g_strdup_printf (HEAD "<step id=\"a\" kind=\"text\"><question>%s</question></step>\n" TAIL, medium);
  g_autofree char *kind = g_strdup_printf (HEAD "<step id=\"a\" kind=\"k%.60s\"><question>Q</question></step>\n" TAIL, medium);

  assert_refused_quickly (huge_id, -1, "larger than 1024 KB");
  assert_refused_quickly (big_id, -1, "big.xml:3: id=“vvvv");
  assert_refused_quickly (big_id, -1, "is too long (102400 bytes; at most 64)");
  assert_refused_quickly (big_version, -1, "big.xml:1: version=“vvvv");
  assert_refused_quickly (big_label, -1, "too long");
  /* Values under the cap are quoted by a prefix only. */
  assert_refused_quickly (kind, -1, "unknown kind “kvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv…”");
}

Test (flow, reads_only_a_regular_file_of_at_most_1_mb)
{
  g_autoptr (GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "big.xml", NULL);
  g_autoptr (GFile) big = g_file_new_for_path (path);
  g_autoptr (GString) xml = linear_flow (150000);
  const struct { GFile *file; const char *expected; } cases[] = {
    { zero, "/dev/zero: cannot be read: not a regular file" },
    { big, "larger than 1024 KB" },
  };

  cr_assert (g_file_set_contents (path, xml->str, xml->len, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr (MdgFlow) flow = mdg_flow_new_from_file (cases[i].file, &error);

      cr_assert_null (flow);
      cr_assert (strstr (error->message, cases[i].expected) != NULL, "%s", error->message);
      cr_assert_lt (g_get_monotonic_time () - start, G_USEC_PER_SEC, "refused within a second");
    }
  fixture_rmdir (dir);
}

#define PURPOSE "<step id=\"p\" role=\"purpose\" kind=\"single\"><question>P</question><choice id=\"x\">X</choice></step>\n"
#define REST "<step id=\"review\" kind=\"review\"><question>R</question><button>Send</button></step>\n" \
             "<step id=\"done\" kind=\"done\"><question>D</question><button>End</button></step>\n</flow>\n"

Test (flow, finds_steps_and_choices_by_role)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();

  cr_assert_str_eq (mdg_flow_get_role_id (flow, MDG_ROLE_PURPOSE), "purpose");
  cr_assert_str_eq (mdg_flow_get_role_id (flow, MDG_ROLE_DETAILS), "details");
  cr_assert_eq (mdg_flow_lookup_role (flow, MDG_ROLE_CONTACT), mdg_flow_lookup_step (flow, "contact"));
  cr_assert_eq (mdg_flow_get_followup_role (flow, "now"), MDG_CHOICE_ROLE_NOW);
  cr_assert_eq (mdg_flow_get_followup_role (flow, "contact"), MDG_CHOICE_ROLE_CONTACT);
  cr_assert_eq (mdg_flow_get_followup_role (flow, "qr"), MDG_CHOICE_ROLE_QR);
  cr_assert_eq (mdg_flow_get_followup_role (flow, "nonsense"), MDG_CHOICE_ROLE_NONE);
}

Test (flow, rejects_a_flow_without_a_required_role)
{
  assert_rejected (HEAD PURPOSE REST, "test.xml:1: the flow has no step with the role “followup”");
  assert_rejected (HEAD "<step id=\"f\" role=\"followup\" kind=\"single\"><question>F</question><choice id=\"x\">X</choice></step>\n" REST,
                   "test.xml:1: the flow has no step with the role “purpose”");
}

Test (flow, rejects_unknown_misplaced_and_repeated_roles)
{
  assert_rejected (HEAD "<step id=\"a\" role=\"intent\" kind=\"single\"><question>Q</question><choice id=\"x\">X</choice></step>\n" TAIL,
                   "test.xml:3: step “a” has an unknown role “intent”");
  assert_rejected (HEAD "<step id=\"a\" role=\"details\" kind=\"single\"><question>Q</question><choice id=\"x\">X</choice></step>\n" TAIL,
                   "test.xml:3: step “a” has the role “details”, which needs a text step, not single");
  assert_rejected (HEAD "<step id=\"a\" role=\"followup\" kind=\"multi\"><question>Q</question><choice id=\"x\">X</choice></step>\n" TAIL,
                   "test.xml:3: step “a” has the role “followup”, which needs a single step, not multi");
  assert_rejected (HEAD PURPOSE "<step id=\"b\" role=\"purpose\" kind=\"single\"><question>Q</question><choice id=\"x\">X</choice></step>\n" REST,
                   "test.xml:4: step “b” has the role “purpose” of step “p” (line 3)");
}

Test (flow, rejects_choice_roles_off_the_followup_step_or_twice)
{
  assert_rejected (HEAD "<step id=\"a\" kind=\"single\"><question>Q</question>\n<choice id=\"x\" role=\"now\">X</choice></step>\n" TAIL,
                   "test.xml:4: choice “x” in step “a” has the role “now”, which only the step with the role “followup” may give");
  assert_rejected (HEAD PURPOSE "<step id=\"f\" role=\"followup\" kind=\"single\"><question>F</question>\n"
                        "<choice id=\"x\" role=\"later\">X</choice></step>\n" REST,
                   "test.xml:5: choice “x” in step “f” has an unknown role “later”");
  assert_rejected (HEAD PURPOSE "<step id=\"f\" role=\"followup\" kind=\"single\"><question>F</question>\n"
                        "<choice id=\"x\" role=\"now\">X</choice>\n<choice id=\"y\" role=\"now\">Y</choice></step>\n" REST,
                   "test.xml:6: choice “y” in step “f” has the role “now” of choice “x”");
}
