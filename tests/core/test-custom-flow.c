/* test-custom-flow.c: a center's own flow, with ids unlike the default's, loses no answer on
 * the way from the visit to the desk, the CSV, the slip and the agenda. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "fixtures.h"
#include "mdg-agenda.h"
#include "mdg-csv.h"
#include "mdg-desk-store.h"
#include "mdg-i18n.h"
#include "mdg-inquiry-list.h"
#include "mdg-introduction.h"
#include "mdg-orgs.h"
#include "mdg-slip.h"

/* Every id differs from data/flow.xml, and "budget" is a step the default flow does not have. */
static const char custom_flow[] =
  "<flow version=\"custom-7\">\n"
  "<step id=\"hello\" role=\"welcome\" kind=\"welcome\"><question>Welcome to the hall</question>"
  "<button>Begin</button></step>\n"
  "<step id=\"goal\" role=\"purpose\" kind=\"single\"><question>Your goal?</question>"
  "<choice id=\"g-repair\" role=\"needs\">Repair the old shrine</choice>"
  "<choice id=\"g-market\">Run a night market</choice>"
  "<choice id=\"g-lend\" desk=\"Lend\">Lend what we have</choice></step>\n"
  "<step id=\"fields\" role=\"themes\" kind=\"multi\" max=\"2\"><question>Which fields?</question>"
  "<choice id=\"f-heritage\">Local heritage</choice><choice id=\"f-food\">Street food</choice>"
  "<choice id=\"f-rivers\">Rivers and bridges</choice></step>\n"
  "<step id=\"asker\" role=\"who\" kind=\"single\" next=\"phase\"><question>Who asks?</question>"
  "<choice id=\"a-club\" role=\"takes-offers\">A youth club</choice>"
  "<choice id=\"a-shop\">A shop owner</choice>"
  "<branch when=\"goal\" is=\"g-lend\" to=\"gifts\"/></step>\n"
  "<step id=\"gifts\" role=\"offer\" kind=\"multi\" next=\"phase\"><question>What can you lend?</question>"
  "<choice id=\"o-hall\">A hall</choice><choice id=\"o-tools\">Tools</choice></step>\n"
  "<step id=\"phase\" role=\"stage\" kind=\"single\"><question>How far along?</question>"
  "<choice id=\"p-dream\">Only a dream</choice><choice id=\"p-plan\">A written plan</choice></step>\n"
  "<step id=\"budget\" kind=\"single\"><question>Any money yet?</question>"
  "<choice id=\"b-none\">No money at all</choice><choice id=\"b-some\">A small grant</choice></step>\n"
  "<step id=\"notes\" role=\"details\" kind=\"text\" max=\"200\"><question>Anything else?</question>"
  "</step>\n"
  "<step id=\"after\" role=\"followup\" kind=\"single\" next=\"check\"><question>Then?</question>"
  "<choice id=\"later\" role=\"qr\">I will look it up later</choice>"
  "<choice id=\"ring\" role=\"contact\" next=\"reach\">Ring me, please</choice>"
  "<choice id=\"desk\" role=\"now\">Talk at the counter today</choice></step>\n"
  "<step id=\"reach\" role=\"contact\" kind=\"contact\" next=\"check\"><question>How to reach you</question>"
  "</step>\n"
  "<step id=\"check\" role=\"review\" kind=\"review\"><question>All correct?</question>"
  "<button>Submit</button></step>\n"
  "<step id=\"fin\" role=\"done\" kind=\"done\"><question>Thank you</question><button>Close</button>"
  "</step>\n"
  "</flow>\n";

static char *dir;
static MdgStore *store;
static MdgFlow *flow;

static void
setup (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = NULL;

  mdg_i18n_init ();
  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "inquiries.db", NULL);
  store = mdg_store_open (db, &error);
  cr_assert_not_null (store, "%s", error ? error->message : "");
  flow = mdg_flow_new_from_data (custom_flow, -1, "custom.xml", &error);
  cr_assert_not_null (flow, "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_clear_object (&flow);
  g_clear_object (&store);
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

TestSuite (custom_flow, .init = setup, .fini = teardown);

/* The visit a visitor makes by tapping through the custom flow. */
static MdgInquiry *
visit_and_send (void)
{
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (GError) error = NULL;
  MdgInquiry *inquiry;

  mdg_visit_set_language (visit, "en");
  cr_assert (mdg_visit_advance (visit));
  cr_assert (mdg_visit_choose (visit, "g-repair"));
  cr_assert (mdg_visit_toggle (visit, "f-heritage"));
  cr_assert (mdg_visit_toggle (visit, "f-rivers"));
  cr_assert (mdg_visit_advance (visit));
  cr_assert (mdg_visit_choose (visit, "a-club"));
  cr_assert (mdg_visit_choose (visit, "p-plan"));
  cr_assert (mdg_visit_choose (visit, "b-some"));
  mdg_visit_set_text (visit, "notes", "The roof leaks since the typhoon");
  cr_assert (mdg_visit_advance (visit));
  cr_assert (mdg_visit_choose (visit, "desk"));
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "check");
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error ? error->message : "");
  return inquiry;
}

static void
assert_contains (const char *text,
                 const char *where,
                 const char *expected)
{
  cr_assert (strstr (text, expected) != NULL, "%s lacks “%s”:\n%s", where, expected, text);
}

/* Every label the visitor chose, in English. */
static const char *chosen[] = {
  "Repair the old shrine", "Local heritage", "Rivers and bridges", "A youth club",
  "A written plan", "Talk at the counter today",
};

Test (custom_flow, every_answer_reaches_desk_csv_slip_and_agenda)
{
  g_autoptr (MdgInquiry) sent = visit_and_send ();
  g_autofree char *day = g_date_time_format (mdg_inquiry_get_created (sent), "%Y-%m-%d");
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgInquiryList) list = mdg_inquiry_list_new (store, day, &error);
  g_autoptr (MdgInquiry) row = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *csv = NULL;
  g_autoptr (MdgSlipData) slip = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GListStore) flagged = g_list_store_new (MDG_TYPE_INQUIRY);
  g_autofree char *agenda_path = g_build_filename (dir, "agenda.csv", NULL);
  g_autofree char *agenda = NULL;
  g_autofree char *purpose = NULL, *areas = NULL, *who = NULL, *followup = NULL;

  /* The store kept the follow-up by the custom choice's id. */
  cr_assert_str_eq (mdg_inquiry_get_followup (sent), "desk");
  cr_assert_str_eq (mdg_inquiry_get_details (sent), "The roof leaks since the typhoon");

  /* The desk's list: its columns, its waiting mark, its filter and its sorting. */
  cr_assert_not_null (list, "%s", error ? error->message : "");
  cr_assert_eq (g_list_model_get_n_items (G_LIST_MODEL (list)), 1);
  row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  purpose = mdg_inquiry_describe_role (row, flow, MDG_ROLE_PURPOSE, "en");
  areas = mdg_inquiry_describe_role (row, flow, MDG_ROLE_THEMES, "en");
  who = mdg_inquiry_describe_role (row, flow, MDG_ROLE_WHO, "en");
  followup = mdg_inquiry_describe_role (row, flow, MDG_ROLE_FOLLOWUP, "en");
  cr_assert_str_eq (purpose, "Repair the old shrine");
  cr_assert_str_eq (areas, "Local heritage, Rivers and bridges");
  cr_assert_str_eq (who, "A youth club");
  cr_assert_str_eq (followup, "Talk at the counter today");
  cr_assert (mdg_inquiry_needs_attention (row, flow), "“talk now” under another id still waits");
  cr_assert (mdg_inquiry_matches (row, NULL, "g-repair", NULL, flow));
  cr_assert_not (mdg_inquiry_matches (row, NULL, "g-market", NULL, flow));
  cr_assert (mdg_inquiry_matches (row, NULL, NULL, "small grant", flow), "the extra step's label");

  /* The CSV: every step, the extra one included, with ids and labels. */
  cr_assert (mdg_csv_export_days (store, flow, day, day, "en", out, &error), "%s",
             error ? error->message : "");
  cr_assert (g_output_stream_close (out, NULL, NULL));
  csv = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    assert_contains (csv, "the CSV", chosen[i]);
  assert_contains (csv, "the CSV", "A small grant");
  assert_contains (csv, "the CSV", "b-some");
  assert_contains (csv, "the CSV", "The roof leaks since the typhoon");
  assert_contains (csv, "the CSV", "custom-7");

  /* The slip: purpose, areas and what happens next. */
  slip = mdg_slip_data_new (row, flow, settings);
  cr_assert_str_eq (slip->purpose, "Repair the old shrine");
  cr_assert_str_eq (slip->areas, "Local heritage, Rivers and bridges");
  cr_assert_eq (slip->followup, MDG_CHOICE_ROLE_NOW);

  /* The agenda of the inquiries flagged for the meeting. */
  cr_assert (mdg_desk_store_set_meeting (store, row, TRUE, &error), "%s", error ? error->message : "");
  g_list_store_append (flagged, row);
  cr_assert (mdg_agenda_write_csv (store, G_LIST_MODEL (flagged), flow, "en", agenda_path, &error), "%s",
             error ? error->message : "");
  cr_assert (g_file_get_contents (agenda_path, &agenda, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    assert_contains (agenda, "the agenda", chosen[i]);
}

Test (custom_flow, contact_under_another_id_keeps_the_details)
{
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (MdgSlipData) slip = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  mdg_visit_advance (visit);
  mdg_visit_choose (visit, "g-market");
  mdg_visit_toggle (visit, "f-food");
  mdg_visit_advance (visit);
  mdg_visit_choose (visit, "a-shop");
  mdg_visit_choose (visit, "p-dream");
  mdg_visit_choose (visit, "b-none");
  mdg_visit_advance (visit);
  cr_assert (mdg_visit_choose (visit, "ring"));
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "reach");
  mdg_visit_set_consent (visit, TRUE);
  mdg_visit_set_contact_field (visit, MDG_CONTACT_PHONE, "045-987-6543");
  cr_assert (mdg_visit_advance (visit));
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error ? error->message : "");
  cr_assert (mdg_inquiry_get_has_contact (inquiry));
  cr_assert_not (mdg_inquiry_needs_attention (inquiry, flow));
  slip = mdg_slip_data_new (inquiry, flow, settings);
  cr_assert_eq (slip->followup, MDG_CHOICE_ROLE_CONTACT);
}

static MdgInquiry *
send_purpose (const char *purpose,
              const char *who,
              const char *offer)
{
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (GError) error = NULL;
  MdgInquiry *inquiry;

  cr_assert (mdg_visit_advance (visit));
  cr_assert (mdg_visit_choose (visit, purpose));
  cr_assert (mdg_visit_toggle (visit, "f-heritage"));
  cr_assert (mdg_visit_advance (visit));
  cr_assert (mdg_visit_choose (visit, who));
  if (offer != NULL)
    {
      cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "gifts");
      cr_assert (mdg_visit_toggle (visit, offer));
      cr_assert (mdg_visit_advance (visit));
    }
  cr_assert (mdg_visit_choose (visit, "p-plan"));
  cr_assert (mdg_visit_choose (visit, "b-some"));
  cr_assert (mdg_visit_advance (visit));
  cr_assert (mdg_visit_choose (visit, "later"));
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error ? error->message : "");
  return inquiry;
}

static char *
suggested (MdgInquiry *inquiry)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = mdg_introduction_suggest (store, flow, inquiry, NULL, "en", &error);
  g_autoptr (GString) text = g_string_new (NULL);

  cr_assert_not_null (list, "%s", error ? error->message : "");
  for (guint i = 0; i < list->len; i++)
    {
      MdgSuggestion *suggestion = g_ptr_array_index (list, i);

      g_string_append_printf (text, "%s: %s;", suggestion->org->name, suggestion->reason);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The flow file says which purposes look for offers (role="needs") and which kinds take them
 * up (role="takes-offers"): suggestions work with ids the program has never heard of. */
Test (custom_flow, suggestions_follow_the_flow_files_choice_roles)
{
  const char *csv = "name,kind,themes,offers\nHall keepers,a-shop,f-food,o-hall\n"
                    "River club,a-club,f-food,\n";
  g_autoptr (GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgInquiry) repair = NULL;
  g_autoptr (MdgInquiry) market = NULL;
  g_autoptr (MdgInquiry) lend = NULL;
  g_autofree char *for_repair = NULL;
  g_autofree char *for_market = NULL;
  g_autofree char *for_lend = NULL;

  cr_assert (mdg_orgs_import (store, flow, csv, strlen (csv), FALSE, NULL, rejected, &error), "%s",
             error ? error->message : "");
  repair = send_purpose ("g-repair", "a-shop", NULL);
  market = send_purpose ("g-market", "a-shop", NULL);
  lend = send_purpose ("g-lend", "a-shop", "o-tools");

  for_repair = suggested (repair);
  cr_assert_str_eq (for_repair, "Hall keepers: A hall offered;",
                    "a purpose marked needs meets the organisation's offer");
  for_market = suggested (market);
  cr_assert_str_eq (for_market, "", "a purpose without the role looks for no offer");
  for_lend = suggested (lend);
  cr_assert_str_eq (for_lend, "River club: Tools offered;",
                    "the visitor's offer goes to the kind marked takes-offers only");
}

Test (custom_flow, a_choice_role_on_the_wrong_step_is_refused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) wrong = g_string_new (custom_flow);
  g_autoptr (MdgFlow) refused = NULL;

  g_string_replace (wrong, "<choice id=\"p-dream\">", "<choice id=\"p-dream\" role=\"needs\">", 1);
  refused = mdg_flow_new_from_data (wrong->str, -1, "wrong.xml", &error);
  cr_assert_null (refused);
  cr_assert_not_null (strstr (error->message, "only the step with the role “purpose” may give"), "%s",
                      error->message);
}
