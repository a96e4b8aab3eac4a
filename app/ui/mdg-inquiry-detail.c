/* mdg-inquiry-detail.c: one inquiry at the staff desk: answers, contact, status, coordinator,
 * meeting flag, notes and its timeline. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-desk-store.h"
#include "mdg-i18n.h"
#include "mdg-inquiry-detail.h"
#include "mdg-inquiry-list.h"
#include "mdg-introduction.h"
#include "mdg-slip-printer.h"
#include "mdg-translatable.h"

struct _MdgInquiryDetail
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkStack *stack;
  GtkLabel *number_label;
  GtkLabel *time_label;
  GtkGrid *answers_grid;
  GtkLabel *contact_label;
  GtkDropDown *coordinator_dropdown;
  GtkEntry *note_entry;
  GtkEntry *message_entry;
  GtkLabel *error_label;
  GtkListBox *timeline_list;
  GtkListBox *introductions_list;
  GtkListBox *suggestions_list;
  GtkLabel *print_label;

  /* owned references */
  MdgStore *store;
  MdgFlow *flow; /* NULL when the flow file could not be loaded */
  GSettings *settings;
  MdgInquiry *inquiry;
  GtkStringList *coordinators; /* "" (nobody) first, then the names */
  GtkStringList *timeline;
  GtkStringList *introductions; /* "org id\x1fline\x1fstate" per organisation approached */
  GtkStringList *suggestions;   /* "org id\x1fline" per organisation that fits, best first */
  MdgSlipPrinter *printer; /* the last reprint, while it reports */
  gboolean updating;
  char *language; /* the desk's: the staff's language */
};

G_DEFINE_FINAL_TYPE (MdgInquiryDetail, mdg_inquiry_detail, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STATUS, PROP_MEETING, PROP_LANGUAGE, PROP_STORE, PROP_FLOW, PROP_SETTINGS,
       N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (MdgInquiryDetail *self,
            const GError     *error)
{
  g_autofree char *text = NULL;

  if (error == NULL)
    {
      gtk_label_set_label (self->error_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      return;
    }
  g_warning ("Staff change not saved: %s", error->message);
  text = g_strdup_printf (_("Not saved: %s"), error->message);
  gtk_label_set_label (self->error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static char *
format_value (MdgInquiryDetail *self,
              const char       *field,
              const char       *value)
{
  if (value == NULL || *value == '\0')
    return g_strdup (_("(nobody)"));
  if (g_str_equal (field, "status"))
    return g_strdup (mdg_inquiry_status_label (value, self->language));
  return g_strdup (value);
}

static char *
describe_event (MdgInquiryDetail        *self,
                const MdgDeskStoreEvent *event)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_unix_local (event->at);
  g_autofree char *when = g_date_time_format (at, "%Y-%m-%d %H:%M");
  g_autofree char *old_value = format_value (self, event->field, event->old_value);
  g_autofree char *new_value = format_value (self, event->field, event->new_value);
  g_autofree char *what = NULL;

  if (g_str_equal (event->field, "status"))
    what = g_strdup_printf (_("Status: %s → %s"), old_value, new_value);
  else if (g_str_equal (event->field, "coordinator"))
    what = g_strdup_printf (_("Coordinator: %s → %s"), old_value, new_value);
  else if (g_str_equal (event->field, "meeting"))
    what = g_strdup (g_strcmp0 (event->new_value, "1") == 0
                       ? _("Brought to the regular meeting")
                       : _("Taken off the regular meeting"));
  else if (g_str_equal (event->field, "note"))
    what = g_strdup_printf (_("Note: %s"), event->new_value != NULL ? event->new_value : "");
  else if (g_str_equal (event->field, "message"))
    what = g_strdup_printf (_("To the visitor: %s"), event->new_value != NULL ? event->new_value : "");
  else if (g_str_equal (event->field, "introduction"))
    /* An introduction keeps the organisation in old_value and its new state in new_value. */
    what = g_strdup_printf (_("Introduction: %s — %s"), old_value,
                            mdg_introduction_state_label (event->new_value, self->language));
  else
    what = g_strdup_printf ("%s: %s → %s", event->field, old_value, new_value);
  return g_strdup_printf ("%s   %s", when, what);
}

static void
load_timeline (MdgInquiryDetail *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GStrvBuilder) lines = g_strv_builder_new ();
  g_auto (GStrv) strv = NULL;
  g_autofree char *created = g_date_time_format (mdg_inquiry_get_created (self->inquiry),
                                                 "%Y-%m-%d %H:%M");
  g_autofree char *channel = mdg_inquiry_describe_channel (self->inquiry, self->language);
  g_autofree char *how = mdg_inquiry_is_staff_entered (self->inquiry)
                           ? g_strdup_printf (_("Taken down by staff (%s)"), channel)
                           : g_strdup (_("Received at the kiosk"));
  g_autofree char *received = g_strdup_printf ("%s   %s", created, how);

  g_strv_builder_add (lines, received);
  events = mdg_desk_store_list_timeline (self->store, self->inquiry, &error);
  if (events == NULL)
    show_error (self, error);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      g_autofree char *line = describe_event (self, g_ptr_array_index (events, i));

      g_strv_builder_add (lines, line);
    }
  strv = g_strv_builder_end (lines);
  gtk_string_list_splice (self->timeline, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->timeline)),
                          (const char * const *) strv);
}

/* How many suggestions the detail shows: the best few, as a coordinator reads them. */
#define N_SUGGESTIONS 5

/* The organisations approached with their states, and the best-fitting ones not yet approached. */
static void
load_network (MdgInquiryDetail *self)
{
  MdgFlow *flow = self->flow;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) introductions = mdg_introduction_list (self->store, self->inquiry, &error);
  g_autoptr (GPtrArray) suggestions = NULL;
  g_autoptr (GStrvBuilder) intro_lines = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) suggestion_lines = g_strv_builder_new ();
  g_auto (GStrv) intro_strv = NULL;
  g_auto (GStrv) suggestion_strv = NULL;

  if (introductions == NULL)
    show_error (self, error);
  for (guint i = 0; introductions != NULL && i < introductions->len; i++)
    {
      MdgIntroduction *introduction = g_ptr_array_index (introductions, i);
      g_autoptr (GDateTime) at = g_date_time_new_from_unix_local (introduction->approached_at);
      g_autofree char *day = g_date_time_format (at, "%Y-%m-%d");
      g_autofree char *text = g_strdup_printf (
        _("%s — %s (approached %s)"), introduction->organisation,
        mdg_introduction_state_label (introduction->state, self->language), day);
      g_autofree char *item = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s",
                                               introduction->organisation_id, text,
                                               introduction->state);

      g_strv_builder_add (intro_lines, item);
    }
  if (flow != NULL)
    suggestions = mdg_introduction_suggest (self->store, flow, self->inquiry, NULL,
                                            self->language, NULL);
  for (guint i = 0; suggestions != NULL && i < suggestions->len && i < N_SUGGESTIONS; i++)
    {
      MdgSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      g_autofree char *item = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s — %s", suggestion->org->id,
                                               suggestion->org->name, suggestion->reason);

      g_strv_builder_add (suggestion_lines, item);
    }
  intro_strv = g_strv_builder_end (intro_lines);
  suggestion_strv = g_strv_builder_end (suggestion_lines);
  gtk_string_list_splice (self->introductions, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->introductions)),
                          (const char * const *) intro_strv);
  gtk_string_list_splice (self->suggestions, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->suggestions)),
                          (const char * const *) suggestion_strv);
}

static GtkWidget *
network_row (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
add_action_button (GtkWidget  *row,
                   const char *label,
                   const char *action,
                   const char *target)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_box_append (GTK_BOX (row), button);
}

/* An organisation approached: its state, and a button for each state it can move to. */
static GtkWidget *
create_introduction_row (gpointer item,
                         gpointer user_data)
{
  MdgInquiryDetail *self = user_data;
  g_auto (GStrv) parts = g_strsplit (gtk_string_object_get_string (item), "\x1f", 3);
  static const char *states[] = { "approached", "talks", "joined", "declined" };
  GtkWidget *row = network_row (parts[1]);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *target = NULL;

      if (g_str_equal (states[i], parts[2]))
        continue;
      target = g_strdup_printf ("%s:%s", parts[0], states[i]);
      add_action_button (row, mdg_introduction_state_label (states[i], self->language),
                         "detail.introduction-state", target);
    }
  return row;
}

/* An organisation that fits, with why, and one tap to approach it. */
static GtkWidget *
create_suggestion_row (gpointer item,
                       gpointer user_data)
{
  g_auto (GStrv) parts = g_strsplit (gtk_string_object_get_string (item), "\x1f", 2);
  GtkWidget *row = network_row (parts[1]);

  add_action_button (row, _("Introduce"), "detail.introduce", parts[0]);
  return row;
}

static void
add_answer (MdgInquiryDetail *self,
            guint             row,
            const char       *title,
            const char       *answer)
{
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *value = gtk_label_new (answer);

  gtk_widget_add_css_class (name, "detail-field");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_yalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_grid_attach (self->answers_grid, name, 0, row, 1, 1);
  gtk_grid_attach (self->answers_grid, value, 1, row, 1, 1);
}

/* Every answer in the staff's language under the desk's name for it, the one the list's
 * column shows (目的, 分野, 相談者 …), not the question the visitor read; a step the desk has
 * no name for (a center's own) keeps its question. */
static void
load_answers (MdgInquiryDetail *self)
{
  MdgFlow *flow = self->flow;
  const char *language = self->language;
  g_auto (GStrv) steps = mdg_inquiry_dup_answered_steps (self->inquiry);
  const char *details = mdg_inquiry_get_details (self->inquiry);
  GtkWidget *child;
  guint row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->answers_grid))) != NULL)
    gtk_grid_remove (self->answers_grid, child);
  for (guint i = 0; steps[i] != NULL; i++)
    {
      MdgStep *step = flow != NULL ? mdg_flow_lookup_step (flow, steps[i]) : NULL;
      const char *title = step != NULL ? mdg_inquiry_role_title (mdg_step_get_role (step), language)
                                       : NULL;
      g_autofree char *answer = mdg_inquiry_describe_for_desk (self->inquiry, flow, steps[i],
                                                               language);

      if (title == NULL)
        title = step != NULL ? mdg_step_get_question_in (step, language) : steps[i];
      add_answer (self, row++, title, answer);
    }
  if (details != NULL && *details != '\0')
    add_answer (self, row++, mdg_inquiry_role_title (MDG_ROLE_DETAILS, language), details);
}

static void
load_contact (MdgInquiryDetail *self)
{
  MdgContact contact = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  const char *names[MDG_CONTACT_N_FIELDS] = {
    _("Name"), _("Phone"), _("E-mail"), _("Preferred time"), _("Name reading (katakana)"),
  };
  /* The reading under the name it spells. */
  static const MdgContactField order[] = { MDG_CONTACT_NAME, MDG_CONTACT_READING,
                                           MDG_CONTACT_PHONE, MDG_CONTACT_EMAIL,
                                           MDG_CONTACT_TIME };

  if (!mdg_desk_store_get_contact (self->store, self->inquiry, &contact, &error))
    show_error (self, error);
  if (!contact.consent)
    g_string_append (text, _("No contact details: none were given, or the visitor did not consent."));
  G_STATIC_ASSERT (G_N_ELEMENTS (order) == MDG_CONTACT_N_FIELDS);
  for (guint i = 0; contact.consent && i < G_N_ELEMENTS (order); i++)
    if (contact.fields[order[i]] != NULL)
      g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "\n" : "", names[order[i]],
                              contact.fields[order[i]]);
  gtk_label_set_label (self->contact_label, text->str);
  mdg_contact_clear (&contact);
}

static void
load_coordinator (MdgInquiryDetail *self)
{
  const char *current = mdg_inquiry_get_coordinator (self->inquiry);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->coordinators));
  guint position = 0;

  for (guint i = 1; current != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->coordinators, i), current) == 0)
      position = i;
  /* Someone no longer in the settings' list still shows as assigned. */
  if (current != NULL && position == 0)
    {
      gtk_string_list_append (self->coordinators, current);
      position = n;
    }
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->coordinator_dropdown, position);
  self->updating = FALSE;
}

static void
load (MdgInquiryDetail *self)
{
  g_autofree char *time = NULL;

  show_error (self, NULL);
  if (self->inquiry == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_label_set_label (self->number_label, mdg_inquiry_get_number (self->inquiry));
  time = g_date_time_format (mdg_inquiry_get_created (self->inquiry), "%Y-%m-%d %H:%M");
  gtk_label_set_label (self->time_label, time);
  load_answers (self);
  load_contact (self);
  load_coordinator (self);
  load_timeline (self);
  load_network (self);
  gtk_stack_set_visible_child_name (self->stack, "inquiry");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEETING]);
}

static void
changed (MdgInquiryDetail *self,
         gboolean          ok,
         GError           *error)
{
  show_error (self, ok ? NULL : error);
  load_timeline (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEETING]);
  if (ok)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* In the desk's language, again after each switch. */
static void
set_placeholders (MdgInquiryDetail *self)
{
  const char *none = _("No organisation approached yet.");
  const char *unfit = _("No active organisation in the directory fits this inquiry.");

  gtk_list_box_set_placeholder (self->introductions_list, gtk_label_new (none));
  gtk_list_box_set_placeholder (self->suggestions_list, gtk_label_new (unfit));
}

static void
introduce (MdgInquiryDetail *self,
           const char       *org_id,
           const char       *state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgOrg) org = NULL;
  gboolean ok;

  if (self->inquiry == NULL)
    return;
  org = mdg_orgs_lookup (self->store, org_id, &error);
  ok = org != NULL
       && mdg_introduction_set (self->store, self->inquiry, org, state,
                                g_get_real_time () / G_USEC_PER_SEC, NULL, &error);
  changed (self, ok, error);
  load_network (self);
}

static void
introduce_action (GtkWidget *widget, const char *name, GVariant *param)
{
  introduce (MDG_INQUIRY_DETAIL (widget), g_variant_get_string (param, NULL), NULL);
}

/* The target is "org id:state". */
static void
introduction_state_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_auto (GStrv) parts = g_strsplit (g_variant_get_string (param, NULL), ":", 2);

  if (parts[0] != NULL && parts[1] != NULL)
    introduce (MDG_INQUIRY_DETAIL (widget), parts[0], parts[1]);
}

static void
set_status (MdgInquiryDetail *self,
            const char       *status)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (self->inquiry == NULL || g_strcmp0 (status, mdg_inquiry_get_status (self->inquiry)) == 0)
    return;
  ok = mdg_desk_store_set_status (self->store, self->inquiry, status, &error);
  changed (self, ok, error);
}

static void
set_meeting (MdgInquiryDetail *self,
             gboolean          meeting)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (self->inquiry == NULL || meeting == mdg_inquiry_get_meeting (self->inquiry))
    return;
  ok = mdg_desk_store_set_meeting (self->store, self->inquiry, meeting, &error);
  changed (self, ok, error);
}

static void
set_coordinator (MdgInquiryDetail *self,
                 const char       *name)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (self->inquiry == NULL)
    return;
  ok = mdg_desk_store_set_coordinator (self->store, self->inquiry, name, &error);
  changed (self, ok, error);
  load_coordinator (self);
}

static void
coordinator_selected_cb (MdgInquiryDetail *self,
                         GParamSpec       *pspec,
                         GtkDropDown      *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->updating || position == GTK_INVALID_LIST_POSITION)
    return;
  set_coordinator (self, position == 0 ? NULL
                                       : gtk_string_list_get_string (self->coordinators, position));
}

static void
coordinator_action (GtkWidget *widget, const char *name, GVariant *param)
{
  set_coordinator (MDG_INQUIRY_DETAIL (widget), g_variant_get_string (param, NULL));
}

static void
print_status_cb (MdgInquiryDetail *self,
                 GParamSpec       *pspec,
                 MdgSlipPrinter   *printer)
{
  switch (mdg_slip_printer_get_status (printer))
    {
    case MDG_SLIP_STATUS_PRINTING:
      gtk_label_set_label (self->print_label, _("Printing the slip…"));
      break;
    case MDG_SLIP_STATUS_PRINTED:
      gtk_label_set_label (self->print_label, _("The slip was printed."));
      break;
    case MDG_SLIP_STATUS_FAILED:
      gtk_label_set_label (self->print_label,
                           _("The slip could not be printed. Check the printer and its paper."));
      break;
    case MDG_SLIP_STATUS_NONE:
    default:
      gtk_label_set_label (self->print_label,
                           _("No slip printer is set (setting printer-name), so nothing was printed."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->print_label), TRUE);
}

static void
drop_printer (MdgInquiryDetail *self)
{
  if (self->printer != NULL)
    g_signal_handlers_disconnect_by_data (self->printer, self);
  g_clear_object (&self->printer); /* a job still running finishes on its own */
  gtk_widget_set_visible (GTK_WIDGET (self->print_label), FALSE);
}

/* The slip helper's printer, as on the done page: no dialog, the outcome reported here. */
static void
reprint_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgInquiryDetail *self = MDG_INQUIRY_DETAIL (widget);

  if (self->inquiry == NULL)
    return;
  drop_printer (self);
  self->printer = mdg_slip_printer_new (self->store,
                                        self->flow, self->settings,
                                        self->inquiry);
  g_signal_connect_object (self->printer, "notify::status", G_CALLBACK (print_status_cb), self,
                           G_CONNECT_SWAPPED);
  mdg_slip_printer_start (self->printer);
  print_status_cb (self, NULL, self->printer);
}

static void
add_note_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgInquiryDetail *self = MDG_INQUIRY_DETAIL (widget);
  g_autoptr (GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  gboolean ok;

  if (self->inquiry == NULL)
    return;
  ok = mdg_desk_store_add_note (self->store, self->inquiry, mdg_inquiry_get_coordinator (self->inquiry),
                          text, &error);
  if (ok)
    gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  changed (self, ok, error);
}

/* Shown on the visitor's follow-up page, unlike a note. */
static void
add_message_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgInquiryDetail *self = MDG_INQUIRY_DETAIL (widget);
  g_autoptr (GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->message_entry));
  gboolean ok;

  if (self->inquiry == NULL)
    return;
  ok = mdg_desk_store_add_message (self->store, self->inquiry,
                                   mdg_inquiry_get_coordinator (self->inquiry), text, &error);
  if (ok)
    gtk_editable_set_text (GTK_EDITABLE (self->message_entry), "");
  changed (self, ok, error);
}

static GtkWidget *
create_timeline_row (gpointer item,
                     gpointer user_data)
{
  GtkWidget *label = gtk_label_new (gtk_string_object_get_string (item));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  return label;
}

/* A language switch re-labels the detail in place; a note being typed stays. */
static void
set_language (MdgInquiryDetail *self,
              const char       *language)
{
  const char *nobody[] = { NULL, NULL };
  guint selected;

  if (!mdg_i18n_is_supported (language) || g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  mdg_translatable_update (GTK_WIDGET (self));
  set_placeholders (self);
  nobody[0] = _("(nobody)");
  self->updating = TRUE;
  selected = gtk_drop_down_get_selected (self->coordinator_dropdown);
  gtk_string_list_splice (self->coordinators, 0, 1, nobody);
  gtk_drop_down_set_selected (self->coordinator_dropdown, selected);
  self->updating = FALSE;
  if (self->inquiry != NULL)
    load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

static void
mdg_inquiry_detail_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgInquiryDetail *self = MDG_INQUIRY_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, self->inquiry != NULL ? mdg_inquiry_get_status (self->inquiry) : "");
      break;
    case PROP_MEETING:
      g_value_set_boolean (value, self->inquiry != NULL && mdg_inquiry_get_meeting (self->inquiry));
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_inquiry_detail_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  MdgInquiryDetail *self = MDG_INQUIRY_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      set_status (self, g_value_get_string (value));
      break;
    case PROP_MEETING:
      set_meeting (self, g_value_get_boolean (value));
      break;
    case PROP_LANGUAGE:
      set_language (self, g_value_get_string (value));
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FLOW:
      self->flow = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_inquiry_detail_dispose (GObject *object)
{
  MdgInquiryDetail *self = MDG_INQUIRY_DETAIL (object);
  GtkWidget *child;

  g_clear_object (&self->inquiry);
  if (self->printer != NULL)
    g_signal_handlers_disconnect_by_data (self->printer, self);
  g_clear_object (&self->printer);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_INQUIRY_DETAIL);
  /* The template's outer box is not bound to a field, so unparent what is left by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->coordinators);
  g_clear_object (&self->timeline);
  g_clear_object (&self->store);
  g_clear_object (&self->flow);
  g_clear_object (&self->settings);
  g_clear_object (&self->introductions);
  g_clear_object (&self->suggestions);
  G_OBJECT_CLASS (mdg_inquiry_detail_parent_class)->dispose (object);
}

static void
mdg_inquiry_detail_finalize (GObject *object)
{
  g_free (MDG_INQUIRY_DETAIL (object)->language);
  G_OBJECT_CLASS (mdg_inquiry_detail_parent_class)->finalize (object);
}

static void
mdg_inquiry_detail_constructed (GObject *object)
{
  MdgInquiryDetail *self = MDG_INQUIRY_DETAIL (object);
  g_auto (GStrv) names = NULL;

  G_OBJECT_CLASS (mdg_inquiry_detail_parent_class)->constructed (object);
  g_assert (MDG_IS_STORE (self->store) && G_IS_SETTINGS (self->settings));

  names = g_settings_get_strv (self->settings, "coordinators");
  self->updating = TRUE;
  gtk_string_list_append (self->coordinators, _("(nobody)"));
  for (guint i = 0; names[i] != NULL; i++)
    if (*g_strstrip (names[i]) != '\0')
      gtk_string_list_append (self->coordinators, names[i]);
  gtk_drop_down_set_model (self->coordinator_dropdown, G_LIST_MODEL (self->coordinators));
  self->updating = FALSE;
  load (self);
}

static void
mdg_inquiry_detail_class_init (MdgInquiryDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_inquiry_detail_dispose;
  object_class->finalize = mdg_inquiry_detail_finalize;
  object_class->constructed = mdg_inquiry_detail_constructed;
  object_class->get_property = mdg_inquiry_detail_get_property;
  object_class->set_property = mdg_inquiry_detail_set_property;

  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, "",
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEETING] = g_param_spec_boolean ("meeting", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, MDG_TYPE_STORE,
                                                G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLOW] = g_param_spec_object ("flow", NULL, NULL, MDG_TYPE_FLOW,
                                               G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                 | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                     | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After a change has been saved, so that the desk can filter and sort again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mdg-inquiry-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, number_label);
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, time_label);
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, answers_grid);
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, contact_label);
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, coordinator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, note_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, message_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, error_label);
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, introductions_list);
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, MdgInquiryDetail, print_label);
  gtk_widget_class_bind_template_callback (widget_class, coordinator_selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_property_action (widget_class, "detail.status", "status");
  gtk_widget_class_install_property_action (widget_class, "detail.meeting", "meeting");
  gtk_widget_class_install_action (widget_class, "detail.coordinator", "s", coordinator_action);
  gtk_widget_class_install_action (widget_class, "detail.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "detail.add-message", NULL, add_message_action);
  gtk_widget_class_install_action (widget_class, "detail.reprint", NULL, reprint_action);
  gtk_widget_class_install_action (widget_class, "detail.introduce", "s", introduce_action);
  gtk_widget_class_install_action (widget_class, "detail.introduction-state", "s",
                                   introduction_state_action);
}

static void
mdg_inquiry_detail_init (MdgInquiryDetail *self)
{
  self->timeline = gtk_string_list_new (NULL);
  self->introductions = gtk_string_list_new (NULL);
  self->suggestions = gtk_string_list_new (NULL);
  self->coordinators = gtk_string_list_new (NULL);
  self->updating = TRUE; /* the template's dropdown must not assign anyone while it is built */
  self->language = g_strdup (mdg_i18n_get_language ());
  gtk_widget_init_template (GTK_WIDGET (self));
  mdg_translatable_adopt (GTK_WIDGET (self));
  gtk_list_box_bind_model (self->timeline_list, G_LIST_MODEL (self->timeline), create_timeline_row,
                           NULL, NULL);
  gtk_list_box_bind_model (self->introductions_list, G_LIST_MODEL (self->introductions),
                           create_introduction_row, self, NULL);
  gtk_list_box_bind_model (self->suggestions_list, G_LIST_MODEL (self->suggestions),
                           create_suggestion_row, self, NULL);
  set_placeholders (self);
  self->updating = FALSE;
}

MdgInquiryDetail *
mdg_inquiry_detail_new (MdgStore  *store,
                        MdgFlow   *flow,
                        GSettings *settings)
{
  g_return_val_if_fail (MDG_IS_STORE (store), NULL);
  g_return_val_if_fail (flow == NULL || MDG_IS_FLOW (flow), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MDG_TYPE_INQUIRY_DETAIL, "store", store, "flow", flow, "settings", settings,
                       NULL);
}

MdgInquiry *
mdg_inquiry_detail_get_inquiry (MdgInquiryDetail *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY_DETAIL (self), NULL);
  return self->inquiry;
}

void
mdg_inquiry_detail_set_inquiry (MdgInquiryDetail *self,
                                MdgInquiry       *inquiry)
{
  g_return_if_fail (MDG_IS_INQUIRY_DETAIL (self));
  g_return_if_fail (inquiry == NULL || MDG_IS_INQUIRY (inquiry));

  if (!g_set_object (&self->inquiry, inquiry))
    return;
  drop_printer (self);
  load (self);
}

/* The inquiry shown read again: its suggestions follow a directory changed meanwhile. */
void
mdg_inquiry_detail_refresh (MdgInquiryDetail *self)
{
  g_return_if_fail (MDG_IS_INQUIRY_DETAIL (self));

  if (self->inquiry != NULL)
    load (self);
}
