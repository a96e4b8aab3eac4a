/* mdg-orgs-view.c: the organisations directory at the staff desk: a searchable list and a form
 * that adds, edits and de-activates, saved through the store with the CSV import's checks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-i18n.h"
#include "mdg-inquiry.h"
#include "mdg-org-item.h"
#include "mdg-orgs-view.h"
#include "mdg-translatable.h"

struct _MdgOrgsView
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkSearchEntry *search_entry;
  GtkCheckButton *inactive_check;
  GtkLabel *count_label;
  GtkListView *list_view;
  GtkLabel *form_title;
  GtkEntry *name_entry;
  GtkDropDown *kind_dropdown;
  GtkLabel *themes_label;
  GtkFlowBox *themes_box;
  GtkLabel *offers_label;
  GtkFlowBox *offers_box;
  GtkEntry *area_entry;
  GtkEntry *contact_entry;
  GtkEntry *phone_entry;
  GtkEntry *email_entry;
  GtkEntry *notes_entry;
  GtkCheckButton *active_check;
  GtkLabel *message_label;

  /* owned references */
  MdgStore *store;
  MdgFlow *flow; /* NULL when the flow file could not be loaded: nothing can be saved */
  GListStore *orgs;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkStringList *kinds;   /* "(not set)" first, then the who step's choices */
  GPtrArray *kind_ids;    /* "" first, then the same choices' ids */
  GPtrArray *checks[MDG_ORG_N_FIELDS]; /* the check buttons of themes and offers */
  GtkWidget *wrong;       /* the field the last refusal named */
  gint64 editing;         /* the organisation in the form, 0 for a new one */
  char *language;
};

G_DEFINE_FINAL_TYPE (MdgOrgsView, mdg_orgs_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_LANGUAGE, PROP_STORE, PROP_FLOW, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
say (MdgOrgsView *self,
     const char  *message,
     gboolean     problem)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
mark_wrong (MdgOrgsView *self,
            GtkWidget   *field)
{
  if (self->wrong != NULL)
    gtk_widget_remove_css_class (self->wrong, "error");
  self->wrong = field;
  if (field != NULL)
    gtk_widget_add_css_class (field, "error");
}

/* --- The list --- */

static gboolean
filter_cb (gpointer item,
           gpointer data)
{
  MdgOrgsView *self = data;
  g_autofree char *folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);

  if (!mdg_org_item_get_org (item)->active && !gtk_check_button_get_active (self->inactive_check))
    return FALSE;
  return mdg_org_item_matches (item, folded);
}

static void
update_count (MdgOrgsView *self)
{
  g_autofree char *text = g_strdup_printf (_("%u of %u organisations shown"),
                                           g_list_model_get_n_items (G_LIST_MODEL (self->filtered)),
                                           g_list_model_get_n_items (G_LIST_MODEL (self->orgs)));

  gtk_label_set_label (self->count_label, text);
}

static void
refilter_cb (MdgOrgsView *self)
{
  if (self->filter == NULL)
    return; /* the template's own set-up */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static const char *
kind_label (MdgOrgsView *self,
            const char  *kind)
{
  MdgChoice *choice = kind != NULL && self->flow != NULL ? mdg_flow_lookup_choice (self->flow, mdg_flow_get_role_id (self->flow, MDG_ROLE_WHO), kind)
                                   : NULL;

  return choice != NULL ? mdg_choice_get_desk_label_in (choice, self->language) : kind;
}

/* Two lines: the name, then kind, area and whether it is suggested at all. */
static void
bind_row (MdgOrgsView *self,
          GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *about = gtk_widget_get_next_sibling (name);
  const MdgOrg *org = mdg_org_item_get_org (gtk_list_item_get_item (item));
  g_autoptr (GString) text = g_string_new (NULL);
  const char *kind = kind_label (self, org->kind);

  gtk_label_set_label (GTK_LABEL (name), org->name);
  if (kind != NULL)
    g_string_append (text, kind);
  if (org->area != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", org->area);
  if (!org->active)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", _("inactive"));
  gtk_label_set_label (GTK_LABEL (about), text->str);
  if (org->active)
    gtk_widget_remove_css_class (box, "inactive");
  else
    gtk_widget_add_css_class (box, "inactive");
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              MdgOrgsView              *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *about = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "org-name");
  gtk_label_set_xalign (GTK_LABEL (about), 0);
  gtk_label_set_ellipsize (GTK_LABEL (about), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (about, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), about);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             MdgOrgsView              *self)
{
  bind_row (self, item);
}

/* The directory read again; the organisation with `select` (if any) chosen in the list. */
static void
reload (MdgOrgsView *self,
        gint64       select)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) orgs = mdg_orgs_list (self->store, FALSE, &error);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (orgs == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The organisations could not be read: %s"),
                                               error->message);

      g_warning ("%s", text);
      say (self, text, TRUE);
      return;
    }
  for (guint i = 0; i < orgs->len; i++)
    g_ptr_array_add (items, mdg_org_item_new (g_steal_pointer (&orgs->pdata[i])));
  g_list_store_splice (self->orgs, 0, g_list_model_get_n_items (G_LIST_MODEL (self->orgs)),
                       items->pdata, items->len);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; select != 0 && i < g_list_model_get_n_items (G_LIST_MODEL (self->filtered)); i++)
    {
      g_autoptr (MdgOrgItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (mdg_org_item_get_org (item)->id == select)
        gtk_single_selection_set_selected (self->selection, i);
    }
  update_count (self);
}

/* --- The form --- */

static void
set_entry (GtkEntry   *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static void
set_checks (GPtrArray  *checks,
            char      **ids)
{
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);
      const char *id = g_object_get_data (G_OBJECT (check), "choice");

      gtk_check_button_set_active (check, ids != NULL && g_strv_contains ((const char * const *) ids, id));
    }
}

static void
show_title (MdgOrgsView *self)
{
  gtk_label_set_label (self->form_title, self->editing == 0 ? _("New organisation")
                                                             : _("Edit the organisation"));
}

/* The form shows org, or is empty for a new one (org NULL). */
static void
fill_form (MdgOrgsView  *self,
           const MdgOrg *org)
{
  guint kind = 0;

  self->editing = org != NULL ? org->id : 0;
  set_entry (self->name_entry, org != NULL ? org->name : NULL);
  for (guint i = 1; org != NULL && org->kind != NULL && i < self->kind_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->kind_ids, i), org->kind))
      kind = i;
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
  set_checks (self->checks[MDG_ORG_FIELD_THEMES], org != NULL ? org->themes : NULL);
  set_checks (self->checks[MDG_ORG_FIELD_OFFERS], org != NULL ? org->offers : NULL);
  set_entry (self->area_entry, org != NULL ? org->area : NULL);
  set_entry (self->contact_entry, org != NULL ? org->contact : NULL);
  set_entry (self->phone_entry, org != NULL ? org->phone : NULL);
  set_entry (self->email_entry, org != NULL ? org->email : NULL);
  set_entry (self->notes_entry, org != NULL ? org->notes : NULL);
  gtk_check_button_set_active (self->active_check, org == NULL || org->active);
  mark_wrong (self, NULL);
  show_title (self);
}

static void
activate_cb (MdgOrgsView *self,
             guint        position,
             GtkListView *view)
{
  g_autoptr (MdgOrgItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item == NULL)
    return;
  fill_form (self, mdg_org_item_get_org (item));
  say (self, NULL, FALSE);
}

static void
new_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgOrgsView *self = MDG_ORGS_VIEW (widget);

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  fill_form (self, NULL);
  say (self, NULL, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static char *
entry_text (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static char **
checked (GPtrArray *checks)
{
  g_autoptr (GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; checks != NULL && i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      g_strv_builder_add (ids, g_object_get_data (g_ptr_array_index (checks, i), "choice"));
  return g_strv_builder_end (ids);
}

static GtkWidget *
field_widget (MdgOrgsView *self,
              MdgOrgField  field)
{
  switch (field)
    {
    case MDG_ORG_FIELD_NAME:
      return GTK_WIDGET (self->name_entry);
    case MDG_ORG_FIELD_KIND:
      return GTK_WIDGET (self->kind_dropdown);
    case MDG_ORG_FIELD_THEMES:
      return GTK_WIDGET (self->themes_box);
    case MDG_ORG_FIELD_OFFERS:
      return GTK_WIDGET (self->offers_box);
    case MDG_ORG_FIELD_EMAIL:
      return GTK_WIDGET (self->email_entry);
    default:
      return NULL;
    }
}

/* What the form holds goes to the store; a refusal says why next to the button, marks the
 * field and keeps everything typed. */
static void
save_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgOrgsView *self = MDG_ORGS_VIEW (widget);
  g_autoptr (MdgOrg) org = g_new0 (MdgOrg, 1);
  g_autoptr (GError) error = NULL;
  MdgOrgField field = MDG_ORG_N_FIELDS;
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  org->id = self->editing;
  org->name = entry_text (self->name_entry);
  org->kind = kind > 0 && kind < self->kind_ids->len ? g_strdup (g_ptr_array_index (self->kind_ids, kind))
                                                     : NULL;
  org->themes = checked (self->checks[MDG_ORG_FIELD_THEMES]);
  org->offers = checked (self->checks[MDG_ORG_FIELD_OFFERS]);
  org->area = entry_text (self->area_entry);
  org->contact = entry_text (self->contact_entry);
  org->phone = entry_text (self->phone_entry);
  org->email = entry_text (self->email_entry);
  org->notes = entry_text (self->notes_entry);
  org->active = gtk_check_button_get_active (self->active_check);
  if (!mdg_orgs_save (self->store, self->flow, org, self->language, &field, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);

      mark_wrong (self, field_widget (self, field));
      say (self, text, TRUE);
      return;
    }
  mark_wrong (self, NULL);
  self->editing = org->id;
  show_title (self);
  reload (self, org->id);
  {
    g_autofree char *text = g_strdup_printf (_("Saved “%s”."), org->name);

    say (self, text, FALSE);
  }
}

/* The kinds, themes and offers the flow offers, in the staff's language. */
static void
label_choices (MdgOrgsView *self)
{
  MdgStep *who = mdg_flow_lookup_role (self->flow, MDG_ROLE_WHO);
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  g_ptr_array_add (labels, (char *) mdg_i18n_translate_in (self->language, N_("(not set)")));
  for (guint i = 1; who != NULL && i < self->kind_ids->len; i++)
    g_ptr_array_add (labels, (char *) mdg_choice_get_desk_label_in (
                               mdg_step_lookup_choice (who, g_ptr_array_index (self->kind_ids, i)),
                               self->language));
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->kinds, 0, g_list_model_get_n_items (G_LIST_MODEL (self->kinds)),
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->kind_dropdown, selected);
  for (MdgOrgField f = MDG_ORG_FIELD_THEMES; f <= MDG_ORG_FIELD_OFFERS; f++)
    for (guint i = 0; self->checks[f] != NULL && i < self->checks[f]->len; i++)
      {
        GtkCheckButton *check = g_ptr_array_index (self->checks[f], i);

        gtk_check_button_set_label (check, mdg_choice_get_desk_label_in (
                                             g_object_get_data (G_OBJECT (check), "choice-object"),
                                             self->language));
      }
  gtk_label_set_label (self->themes_label, mdg_inquiry_role_title (MDG_ROLE_THEMES, self->language));
  gtk_label_set_label (self->offers_label, mdg_inquiry_role_title (MDG_ROLE_OFFER, self->language));
}

static void
add_checks (MdgOrgsView *self,
            MdgOrgField  field,
            MdgRole      role,
            GtkFlowBox  *box)
{
  MdgStep *step = mdg_flow_lookup_role (self->flow, role);
  GListModel *choices = step != NULL ? mdg_step_get_choices (step) : NULL;

  self->checks[field] = g_ptr_array_new ();
  for (guint i = 0; choices != NULL && i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr (MdgChoice) choice = g_list_model_get_item (choices, i);
      GtkWidget *check = gtk_check_button_new ();

      g_object_set_data_full (G_OBJECT (check), "choice", g_strdup (mdg_choice_get_id (choice)), g_free);
      g_object_set_data_full (G_OBJECT (check), "choice-object", g_object_ref (choice), g_object_unref);
      gtk_flow_box_append (box, check);
      g_ptr_array_add (self->checks[field], check);
    }
}

static void
set_language (MdgOrgsView *self,
              const char  *language)
{
  if (!mdg_i18n_is_supported (language) || g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  mdg_translatable_update (GTK_WIDGET (self));
  if (self->flow != NULL)
    label_choices (self);
  show_title (self);
  say (self, NULL, FALSE);
  if (self->selection != NULL)
    {
      /* The rows' kind labels: bound again. */
      gtk_list_view_set_model (self->list_view, NULL);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
      update_count (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

static void
mdg_orgs_view_constructed (GObject *object)
{
  MdgOrgsView *self = MDG_ORGS_VIEW (object);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  MdgStep *who;

  G_OBJECT_CLASS (mdg_orgs_view_parent_class)->constructed (object);
  g_assert (MDG_IS_STORE (self->store));

  self->orgs = g_list_store_new (MDG_TYPE_ORG_ITEM);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->orgs)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->kinds = gtk_string_list_new (NULL);
  self->kind_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->kind_ids, g_strdup (""));
  if (self->flow == NULL)
    {
      /* Kinds, themes and offers are the flow's choices: without it nothing can be checked. */
      say (self, _("The flow file could not be loaded, so organisations cannot be edited."), TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "orgs.save", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "orgs.new", FALSE);
    }
  else
    {
      who = mdg_flow_lookup_role (self->flow, MDG_ROLE_WHO);
      for (guint i = 0; who != NULL && i < g_list_model_get_n_items (mdg_step_get_choices (who)); i++)
        {
          g_autoptr (MdgChoice) choice = g_list_model_get_item (mdg_step_get_choices (who), i);

          g_ptr_array_add (self->kind_ids, g_strdup (mdg_choice_get_id (choice)));
        }
      add_checks (self, MDG_ORG_FIELD_THEMES, MDG_ROLE_THEMES, self->themes_box);
      add_checks (self, MDG_ORG_FIELD_OFFERS, MDG_ROLE_OFFER, self->offers_box);
      gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (self->kinds));
      label_choices (self);
    }
  fill_form (self, NULL);
  reload (self, 0);
}

static void
mdg_orgs_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgOrgsView *self = MDG_ORGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_orgs_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdgOrgsView *self = MDG_ORGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      set_language (self, g_value_get_string (value));
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FLOW:
      self->flow = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_orgs_view_dispose (GObject *object)
{
  MdgOrgsView *self = MDG_ORGS_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_ORGS_VIEW);
  /* The template's outer box is not bound to a field, so unparent what is left by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->wrong = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->orgs);
  g_clear_object (&self->kinds);
  g_clear_pointer (&self->kind_ids, g_ptr_array_unref);
  for (guint f = 0; f < MDG_ORG_N_FIELDS; f++)
    g_clear_pointer (&self->checks[f], g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->flow);
  G_OBJECT_CLASS (mdg_orgs_view_parent_class)->dispose (object);
}

static void
mdg_orgs_view_finalize (GObject *object)
{
  g_free (MDG_ORGS_VIEW (object)->language);
  G_OBJECT_CLASS (mdg_orgs_view_parent_class)->finalize (object);
}

static void
mdg_orgs_view_class_init (MdgOrgsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mdg_orgs_view_constructed;
  object_class->dispose = mdg_orgs_view_dispose;
  object_class->finalize = mdg_orgs_view_finalize;
  object_class->get_property = mdg_orgs_view_get_property;
  object_class->set_property = mdg_orgs_view_set_property;

  /* The staff's language: the desk passes its own on. */
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, MDG_TYPE_STORE,
                                                G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLOW] = g_param_spec_object ("flow", NULL, NULL, MDG_TYPE_FLOW,
                                               G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                 | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/mdg-orgs-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, inactive_check);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, form_title);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, name_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, themes_label);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, themes_box);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, offers_label);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, offers_box);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, area_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, contact_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, email_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, notes_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, active_check);
  gtk_widget_class_bind_template_child (widget_class, MdgOrgsView, message_label);
  gtk_widget_class_bind_template_callback (widget_class, refilter_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "orgs.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "orgs.save", NULL, save_action);
}

static void
mdg_orgs_view_init (MdgOrgsView *self)
{
  self->language = g_strdup (mdg_i18n_get_language ());
  gtk_widget_init_template (GTK_WIDGET (self));
  mdg_translatable_adopt (GTK_WIDGET (self));
}

/* The directory in store, its kinds, themes and offers the choices of flow (NULL when the
 * flow file could not be loaded: the directory is then shown but cannot be edited). */
MdgOrgsView *
mdg_orgs_view_new (MdgStore *store,
                   MdgFlow  *flow)
{
  g_return_val_if_fail (MDG_IS_STORE (store), NULL);
  g_return_val_if_fail (flow == NULL || MDG_IS_FLOW (flow), NULL);

  return g_object_new (MDG_TYPE_ORGS_VIEW, "store", store, "flow", flow, NULL);
}

/* The organisations the list shows now, as a GtkSingleSelection of MdgOrgItems. */
GListModel *
mdg_orgs_view_get_rows (MdgOrgsView *self)
{
  g_return_val_if_fail (MDG_IS_ORGS_VIEW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/* Read the directory again, as after an import from the command line. */
void
mdg_orgs_view_reload (MdgOrgsView *self)
{
  g_return_if_fail (MDG_IS_ORGS_VIEW (self));
  reload (self, self->editing);
}
