/* mdg-desk.c: the staff desk: the day's inquiries, one inquiry's detail, the day's summary and
 * the exports, the organisations directory, behind the PIN. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdg-agenda.h"
#include "mdg-city-window.h"
#include "mdg-csv.h"
#include "mdg-desk-cell.h"
#include "mdg-desk-store.h"
#include "mdg-desk-summary.h"
#include "mdg-desk.h"
#include "mdg-error.h"
#include "mdg-figures-view.h"
#include "mdg-i18n.h"
#include "mdg-inquiry-list.h"
#include "mdg-orgs-view.h"
#include "mdg-print.h"
#include "mdg-staff-entry.h"
#include "mdg-translatable.h"

/* The printer's state in the header: asked every minute, each answer awaited 5 s at most. */
#define MDG_DESK_PRINTER_SECONDS 60
#define MDG_DESK_PRINTER_QUERY_SECONDS 5.0

typedef enum
{
  EXPORT_DAY_CSV,
  EXPORT_AGENDA_CSV,
  EXPORT_AGENDA_PDF,
  EXPORT_FIGURES_CSV,
} ExportKind;

struct _MdgDesk
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkLabel *day_label;
  GtkLabel *message_label;
  GtkLabel *printer_label;
  GtkStack *pages;
  GtkSearchEntry *search_entry;
  GtkDropDown *status_filter;
  GtkDropDown *purpose_filter;
  GtkLabel *count_label;
  GtkWidget *waiting_band;
  GtkLabel *waiting_count;
  GtkLabel *waiting_label;
  GtkColumnView *view;
  GtkBox *detail_box;
  GtkBox *orgs_box;
  GtkBox *summary_box;
  GtkBox *figures_box;
  GtkBox *entry_box;

  /* owned references */
  MdgStore *store;
  MdgFlow *flow; /* NULL when the flow file could not be loaded */
  GSettings *settings;
  MdgInquiryDetail *detail;
  MdgOrgsView *orgs;
  MdgFiguresView *figures;
  MdgDeskSummary *summary;
  MdgVisit *staff_visit; /* the inquiry staff are typing: handed in to outlive a lock */
  MdgStaffEntry *entry;  /* shows it; NULL without a flow */
  MdgInquiryList *list;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkSliceListModel *shown; /* a screenful on the first frame, more on each next one, then all */
  GtkSingleSelection *selection;
  GPtrArray *purpose_ids; /* "" (all) first, then the flow's purposes, like the dropdown */
  GtkFileChooserNative *chooser;
  ExportKind export_kind;
  guint idle_id;
  char *language;
  GHashTable *bound_cells; /* the GtkListItems showing an inquiry now */
  guint printer_id;
  GCancellable *printer_query; /* the --status run under way, if any */
  MdgPrinterState printer_state; /* the last answer; shown again after a language switch */
  gboolean printer_known;         /* an answer has come */
  gint64 grown_frame; /* the frame clock's count when the rows shown last grew, or -1 */
  guint next_page;     /* the next of lazy_pages to build while idle */
  guint build_id;      /* that idle build, once the whole day is shown */
};

G_DEFINE_FINAL_TYPE (MdgDesk, mdg_desk, GTK_TYPE_WIDGET)

static void show_printer_state (MdgDesk *self);

enum { PROP_0, PROP_LANGUAGE, PROP_STORE, PROP_FLOW, PROP_SETTINGS, PROP_STAFF_VISIT, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { LOCKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *status_ids[] = { "", "new", "in-progress", "connected", "closed" };

static void
say (MdgDesk    *self,
     const char *message,
     gboolean    problem)
{
  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

/* Locking: after staff-idle-seconds without a touch, or at once with the button. */
static gboolean
idle_cb (gpointer data)
{
  MdgDesk *self = data;

  self->idle_id = 0;
  g_signal_emit (self, signals[LOCKED], 0);
  return G_SOURCE_REMOVE;
}

static void
restart_idle (MdgDesk *self)
{
  guint seconds = g_settings_get_uint (self->settings, "staff-idle-seconds");

  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->idle_id = g_timeout_add_seconds (seconds, idle_cb, self);
}

static gboolean
any_event_cb (MdgDesk                  *self,
              GdkEvent                 *event,
              GtkEventControllerLegacy *controller)
{
  restart_idle (self);
  return GDK_EVENT_PROPAGATE;
}

static void
lock_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgDesk *self = MDG_DESK (widget);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_signal_emit (self, signals[LOCKED], 0);
}

/* The columns: what each shows, and how it sorts. */
typedef struct
{
  const char *title; /* NULL for the flow's columns: the desk's name for the role */
  const char *key;
  MdgRole role; /* the answer shown, for the flow's columns */
  int sort;     /* MdgInquiryKey, or -1 for no sorting */
  gboolean expand;
  guint chars;  /* the width the column asks for, in characters */
} Column;

/* The cells (MdgDeskCell) take their size from here instead of measuring their text: GTK 4.8
 * keeps some 200 rows of cells, and measuring 1,800 labels cost most of the desk's first frame. */
static const Column columns[] = {
  { N_("Number"), "number", MDG_ROLE_NONE, MDG_INQUIRY_KEY_NUMBER, FALSE, 11 },
  { N_("Time"), "time", MDG_ROLE_NONE, MDG_INQUIRY_KEY_TIME, FALSE, 6 },
  { N_("Channel"), "channel", MDG_ROLE_NONE, -1, FALSE, 18 },
  { NULL, "answer", MDG_ROLE_PURPOSE, MDG_INQUIRY_KEY_PURPOSE, TRUE, 20 },
  { NULL, "answer", MDG_ROLE_THEMES, -1, TRUE, 24 },
  { NULL, "answer", MDG_ROLE_WHO, MDG_INQUIRY_KEY_WHO, FALSE, 18 },
  { NULL, "answer", MDG_ROLE_FOLLOWUP, MDG_INQUIRY_KEY_FOLLOWUP, FALSE, 18 },
  { N_("Status"), "status", MDG_ROLE_NONE, MDG_INQUIRY_KEY_STATUS, FALSE, 8 },
  { N_("Coordinator"), "coordinator", MDG_ROLE_NONE, MDG_INQUIRY_KEY_COORDINATOR, FALSE, 10 },
  { N_("Meeting"), "meeting", MDG_ROLE_NONE, MDG_INQUIRY_KEY_MEETING, FALSE, 4 },
  { N_("Language"), "language", MDG_ROLE_NONE, -1, FALSE, 10 },
};

static const char *
column_title (MdgDesk      *self,
              const Column *column)
{
  return column->title != NULL ? _(column->title) : mdg_inquiry_role_title (column->role, self->language);
}

static char *
cell_text (MdgDesk      *self,
           MdgInquiry   *inquiry,
           const Column *column)
{
  const char *language = self->language;
  const char *key = column->key;

  if (g_str_equal (key, "number"))
    return g_strdup (mdg_inquiry_get_number (inquiry));
  if (g_str_equal (key, "time"))
    return g_date_time_format (mdg_inquiry_get_created (inquiry), "%H:%M");
  if (g_str_equal (key, "channel"))
    return mdg_inquiry_describe_channel (inquiry, language);
  if (g_str_equal (key, "status"))
    return g_strdup (mdg_inquiry_status_label (mdg_inquiry_get_status (inquiry), language));
  if (g_str_equal (key, "coordinator"))
    return g_strdup (mdg_inquiry_get_coordinator (inquiry) != NULL
                       ? mdg_inquiry_get_coordinator (inquiry) : "");
  if (g_str_equal (key, "meeting"))
    return g_strdup (mdg_inquiry_get_meeting (inquiry) ? "●" : "");
  if (g_str_equal (key, "language"))
    {
      /* The visitor's language, named in its own words as the header named it to them. */
      const MdgLanguage *spoken = mdg_i18n_lookup (mdg_inquiry_get_language (inquiry));

      return g_strdup (spoken != NULL ? spoken->name : mdg_inquiry_get_language (inquiry));
    }
  return mdg_inquiry_describe_for_desk (inquiry, self->flow,
                                        mdg_flow_get_role_id (self->flow, column->role), language);
}

/* The row widget a cell is in. GTK 4.8 has no row object for a column view (GtkColumnViewRow is
 * 4.12): the row is the parent of the cell widget that holds the item's child. */
static GtkWidget *
item_row (GtkListItem *item)
{
  GtkWidget *cell = gtk_widget_get_parent (gtk_list_item_get_child (item));

  return cell != NULL ? gtk_widget_get_parent (cell) : NULL;
}

static void
update_cell (GtkListItem *item)
{
  MdgDesk *self = g_object_get_data (G_OBJECT (item), "desk");
  const Column *column = g_object_get_data (G_OBJECT (item), "column");
  MdgInquiry *inquiry = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  GtkWidget *row;
  g_autofree char *text = NULL;

  if (inquiry == NULL)
    return;
  text = cell_text (self, inquiry, column);
  mdg_desk_cell_set_text (MDG_DESK_CELL (label), text);
  /* Typed by staff: the channel cell says so in a badge. */
  if (g_str_equal (column->key, "channel") && mdg_inquiry_is_staff_entered (inquiry))
    gtk_widget_add_css_class (label, "staff-entered");
  else
    gtk_widget_remove_css_class (label, "staff-entered");
  /* A visitor waiting at the desk whom nobody has taken: the whole row is one band; every cell
   * of the row sets the same class. */
  row = item_row (item);
  if (row == NULL)
    return;
  if (mdg_inquiry_needs_attention (inquiry, self->flow))
    gtk_widget_add_css_class (row, "attention");
  else
    gtk_widget_remove_css_class (row, "attention");
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               MdgDesk                  *self)
{
  const Column *column = g_object_get_data (G_OBJECT (factory), "column");
  /* One line, centred in the 56 px row: a text too long for the column is cut with "…"
   * rather than wrapped above the middle. */
  GtkWidget *label = mdg_desk_cell_new (MIN (column->chars, 6), column->chars);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, label);
  g_object_set_data (G_OBJECT (item), "desk", self);
  g_object_set_data (G_OBJECT (item), "column", g_object_get_data (G_OBJECT (factory), "column"));
}

static void
inquiry_notify_cb (MdgInquiry  *inquiry,
                   GParamSpec  *pspec,
                   GtkListItem *item)
{
  update_cell (item);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              MdgDesk                  *self)
{
  update_cell (item);
  g_hash_table_add (self->bound_cells, item);
  g_signal_connect_object (gtk_list_item_get_item (item), "notify", G_CALLBACK (inquiry_notify_cb),
                           item, 0);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                MdgDesk                  *self)
{
  g_hash_table_remove (self->bound_cells, item);
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), inquiry_notify_cb, item);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      data)
{
  GtkCustomSorter *sorter = data;
  MdgDesk *self = g_object_get_data (G_OBJECT (sorter), "desk");
  const Column *column = g_object_get_data (G_OBJECT (sorter), "column");

  return mdg_inquiry_compare ((MdgInquiry *) a, (MdgInquiry *) b, column->sort, self->flow);
}

static void
add_columns (MdgDesk *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "column", (gpointer) &columns[i]);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);
      column = gtk_column_view_column_new (column_title (self, &columns[i]), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (columns[i].sort >= 0)
        {
          GtkCustomSorter *sorter = gtk_custom_sorter_new (NULL, NULL, NULL);

          g_object_set_data (G_OBJECT (sorter), "desk", self);
          g_object_set_data (G_OBJECT (sorter), "column", (gpointer) &columns[i]);
          gtk_custom_sorter_set_sort_func (sorter, compare_cb, sorter, NULL);
          gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
          g_object_unref (sorter);
        }
      gtk_column_view_append_column (self->view, column);
      if (columns[i].sort == MDG_INQUIRY_KEY_NUMBER)
        gtk_column_view_sort_by_column (self->view, column, GTK_SORT_DESCENDING);
      g_object_unref (column);
    }
}

static gboolean
filter_cb (gpointer item,
           gpointer data)
{
  MdgDesk *self = data;
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint purpose = gtk_drop_down_get_selected (self->purpose_filter);

  return mdg_inquiry_matches (item,
                              status < G_N_ELEMENTS (status_ids) ? status_ids[status] : NULL,
                              purpose < self->purpose_ids->len
                                ? g_ptr_array_index (self->purpose_ids, purpose) : NULL,
                              gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                              self->flow);
}

/* The visitors waiting at the desk: one band under the header, its count large, with their
 * numbers, so staff see it from across the counter. */
static void
update_count (MdgDesk *self)
{
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;
  g_autoptr (GString) numbers = g_string_new (NULL);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  guint waiting = 0;

  for (guint i = 0; i < total; i++)
    {
      g_autoptr (MdgInquiry) inquiry = g_list_model_get_item (G_LIST_MODEL (self->list), i);
      const char *number = mdg_inquiry_get_number (inquiry);
      const char *dash = strrchr (number, '-');

      if (!mdg_inquiry_needs_attention (inquiry, self->flow))
        continue;
      waiting++;
      /* The desk calls the visitor by the day's sequence, as the done page showed it. */
      g_string_append_printf (numbers, "%s%s", numbers->len > 0 ? "  " : "",
                              dash != NULL ? dash + 1 : number);
    }
  text = g_strdup_printf (_("%u of %u shown"), shown, total);
  gtk_label_set_label (self->count_label, text);
  count = g_strdup_printf ("%u", waiting);
  gtk_label_set_label (self->waiting_count, count);
  g_free (text);
  text = g_strdup_printf (_("waiting at the desk now: %s"), numbers->str);
  gtk_label_set_label (self->waiting_label, text);
  gtk_widget_set_visible (self->waiting_band, waiting > 0);
}

static void
filter_changed_cb (MdgDesk *self)
{
  if (self->filter == NULL)
    return; /* the filters' own set-up */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

/* The filters have no visible label: a screen reader names each by what it shows. */
static void
filter_shown_cb (GtkDropDown *filter,
                 GParamSpec  *pspec,
                 MdgDesk     *self)
{
  GtkStringObject *shown = gtk_drop_down_get_selected_item (filter);

  if (shown != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (filter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_string_object_get_string (shown), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (filter), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
items_changed_cb (MdgDesk    *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *model)
{
  update_count (self);
}

static void
update_day_label (MdgDesk *self)
{
  const char *day = mdg_inquiry_list_get_day (self->list);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *text = NULL;

  text = g_str_equal (day, today) ? g_strdup_printf (_("%s (today)"), day) : g_strdup (day);
  gtk_label_set_label (self->day_label, text);
}

gboolean
mdg_desk_set_day (MdgDesk    *self,
                  const char *day)
{
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (MDG_IS_DESK (self), FALSE);

  if (self->list == NULL)
    return FALSE;
  if (!mdg_inquiry_list_set_day (self->list, day, &error))
    {
      g_autofree char *text = g_strdup_printf (_("That day could not be read: %s"), error->message);

      say (self, text, TRUE);
      return FALSE;
    }
  say (self, NULL, FALSE);
  update_day_label (self);
  return TRUE;
}

static void
move_day (MdgDesk *self,
          int      days)
{
  g_autoptr (GDate) date = g_date_new ();
  char text[16];

  g_date_set_parse (date, mdg_inquiry_list_get_day (self->list));
  if (!g_date_valid (date))
    return;
  if (days > 0)
    g_date_add_days (date, days);
  else
    g_date_subtract_days (date, -days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  mdg_desk_set_day (self, text);
}

static void
previous_day_action (GtkWidget *widget, const char *name, GVariant *param)
{
  move_day (MDG_DESK (widget), -1);
}

static void
next_day_action (GtkWidget *widget, const char *name, GVariant *param)
{
  move_day (MDG_DESK (widget), 1);
}

static void
today_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  mdg_desk_set_day (MDG_DESK (widget), today);
}

static void
detail_changed_cb (MdgDesk          *self,
                   MdgInquiryDetail *detail)
{
  /* Status and coordinator decide filters and order: apply them again. */
  filter_changed_cb (self);
  gtk_sorter_changed (gtk_column_view_get_sorter (self->view), GTK_SORTER_CHANGE_DIFFERENT);
}

/* A page's widget in its box, in the desk's language. */
static void
place_page (MdgDesk *self,
            GtkBox  *box,
            gpointer widget)
{
  g_object_bind_property (self, "language", widget, "language", G_BINDING_SYNC_CREATE);
  gtk_widget_set_vexpand (widget, TRUE);
  gtk_box_append (box, widget);
}

static void
build_detail (MdgDesk *self)
{
  self->detail = mdg_inquiry_detail_new (self->store, self->flow, self->settings);
  place_page (self, self->detail_box, self->detail);
  g_signal_connect_object (self->detail, "changed", G_CALLBACK (detail_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
entry_finished_cb (MdgDesk *self)
{
  gtk_stack_set_visible_child_name (self->pages, "list");
}

/* 代理入力: the kiosk's pages on the desk (none without a flow). */
static void
build_entry (MdgDesk *self)
{
  if (self->flow == NULL)
    return;
  if (self->staff_visit == NULL)
    self->staff_visit = mdg_visit_new (self->flow);
  self->entry = mdg_staff_entry_new (self->store, self->settings, self->staff_visit);
  place_page (self, self->entry_box, self->entry);
  g_signal_connect_object (self->entry, "finished", G_CALLBACK (entry_finished_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
build_summary (MdgDesk *self)
{
  self->summary = mdg_desk_summary_new (self->list, self->flow);
  place_page (self, self->summary_box, self->summary);
}

static void
build_figures (MdgDesk *self)
{
  self->figures = mdg_figures_view_new (self->store, self->flow);
  place_page (self, self->figures_box, self->figures);
}

static void
build_orgs (MdgDesk *self)
{
  self->orgs = mdg_orgs_view_new (self->store, self->flow);
  place_page (self, self->orgs_box, self->orgs);
}

/* The pages beside the day's list are built when first shown or asked for, else one by one
 * while the desk idles once the whole day is shown: a stack styles and sizes its hidden pages
 * too, and built with the list they cost its first frame more than the list itself. In the order
 * staff reach them: a tap on a row opens the inquiry. */
static const struct
{
  const char *name;
  void (*build) (MdgDesk *self);
} lazy_pages[] = {
  { "detail", build_detail },   { "entry", build_entry },         { "summary", build_summary },
  { "figures", build_figures }, { "organisations", build_orgs },
};

/* Builds the page called name unless it is there already; says whether it built it. */
static gboolean
ensure_page (MdgDesk    *self,
             const char *name)
{
  GtkWidget *box = gtk_stack_get_child_by_name (self->pages, name);

  if (box == NULL || gtk_widget_get_first_child (box) != NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (lazy_pages); i++)
    if (g_str_equal (lazy_pages[i].name, name))
      {
        lazy_pages[i].build (self);
        return TRUE;
      }
  return FALSE;
}

static gboolean
build_next_page_cb (gpointer data)
{
  MdgDesk *self = data;

  while (self->next_page < G_N_ELEMENTS (lazy_pages))
    if (ensure_page (self, lazy_pages[self->next_page++].name))
      return G_SOURCE_CONTINUE;
  self->build_id = 0;
  return G_SOURCE_REMOVE;
}

static void
build_pages_when_idle (MdgDesk *self)
{
  if (self->build_id == 0 && self->next_page == 0)
    self->build_id = g_idle_add_full (G_PRIORITY_LOW, build_next_page_cb, self, NULL);
}

void
mdg_desk_show (MdgDesk    *self,
               MdgInquiry *inquiry)
{
  g_return_if_fail (MDG_IS_DESK (self));

  ensure_page (self, "detail");
  mdg_inquiry_detail_set_inquiry (self->detail, inquiry);
  gtk_stack_set_visible_child_name (self->pages, "detail");
}

static void
activate_cb (MdgDesk       *self,
             guint          position,
             GtkColumnView *view)
{
  g_autoptr (MdgInquiry) inquiry = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (inquiry != NULL)
    mdg_desk_show (self, inquiry);
}

/* The directory read again each time it is shown: madoguchi-admin may have imported meanwhile;
 * an inquiry shown again gets suggestions from the directory as it is now. A page built just
 * now has read them already. */
static void
page_shown_cb (MdgDesk *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->pages);

  if (page == NULL || ensure_page (self, page))
    return;
  if (g_strcmp0 (page, "organisations") == 0)
    mdg_orgs_view_reload (self->orgs);
  else if (g_strcmp0 (page, "detail") == 0)
    mdg_inquiry_detail_refresh (self->detail);
}

/* Exports: the coordinator chooses where; a target that cannot be written says so. */
static void
export_response_cb (MdgDesk              *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) flagged = NULL;
  g_autoptr (GListStore) agenda = g_list_store_new (MDG_TYPE_INQUIRY);
  MdgStore *store = self->store;
  MdgFlow *flow = self->flow;
  const char *language = self->language;
  gboolean ok = FALSE;

  if (response != GTK_RESPONSE_ACCEPT)
    goto done;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      say (self, _("That place cannot be written to. Please choose a folder on this computer."),
           TRUE);
      goto done;
    }
  if (self->export_kind == EXPORT_FIGURES_CSV)
    {
      MdgFigures *figures = mdg_figures_view_get_figures (self->figures);

      if (figures != NULL)
        ok = mdg_figures_write_csv_file (figures, store, path, &error);
      else
        g_set_error_literal (&error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE,
                             _("the figures could not be counted"));
    }
  else if (self->export_kind == EXPORT_DAY_CSV)
    ok = mdg_csv_export_days_to_file (store, flow, mdg_inquiry_list_get_day (self->list),
                                      mdg_inquiry_list_get_day (self->list), language, path, &error);
  else
    {
      flagged = mdg_desk_store_list_flagged (store, &error);
      for (guint i = 0; flagged != NULL && i < flagged->len; i++)
        g_list_store_append (agenda, g_ptr_array_index (flagged, i));
      if (flagged != NULL && self->export_kind == EXPORT_AGENDA_CSV)
        ok = mdg_agenda_write_csv (store, G_LIST_MODEL (agenda), flow, language, path, &error);
      else if (flagged != NULL)
        ok = mdg_agenda_write_pdf (store, G_LIST_MODEL (agenda), flow, language, path, &error);
    }
  if (ok)
    {
      g_autofree char *text = g_strdup_printf (_("Saved %s"), path);

      say (self, text, FALSE);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("The file was not saved: %s"), error->message);

      say (self, text, TRUE);
    }

done:
  g_clear_object (&self->chooser);
}

static void
start_export (MdgDesk    *self,
              ExportKind  kind,
              const char *title,
              const char *name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr (GFile) folder = NULL;

  g_clear_object (&self->chooser);
  self->export_kind = kind;
  self->chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Start in Documents (else home), never in whatever folder the kiosk was started from. */
  folder = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                  ? documents : g_get_home_dir ());
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_day_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgDesk *self = MDG_DESK (widget);
  g_autofree char *file = g_strdup_printf ("madoguchi-%s.csv", mdg_inquiry_list_get_day (self->list));

  start_export (self, EXPORT_DAY_CSV, _("Save the day's inquiries"), file);
}

static void
export_figures_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgDesk *self = MDG_DESK (widget);
  g_autofree char *file = mdg_figures_view_dup_file_name (self->figures);

  start_export (self, EXPORT_FIGURES_CSV, _("Save the figures"), file);
}

/* madoguchi-admin beside this program (installed or in the build tree), else on the PATH. */
static char *
admin_program (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir != NULL ? g_build_filename (dir, "madoguchi-admin", NULL) : NULL;

  if (beside != NULL && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&beside);
  return g_find_program_in_path ("madoguchi-admin");
}

static void
city_day_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgDesk *self = MDG_DESK (widget);
  GSettings *settings = self->settings;
  g_autofree char *conninfo = g_settings_get_string (settings, "city-pg");
  g_autofree char *program = admin_program ();
  MdgCityWindow *city;

  if (program == NULL)
    {
      say (self, _("madoguchi-admin is not installed, so the city-wide day cannot be read."), TRUE);
      return;
    }
  city = mdg_city_window_new (conninfo, mdg_inquiry_list_get_day (self->list), program);
  gtk_window_set_transient_for (GTK_WINDOW (city), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (city));
}

static void
export_agenda_csv_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *file = g_date_time_format (now, "agenda-%Y-%m-%d.csv");

  start_export (MDG_DESK (widget), EXPORT_AGENDA_CSV, _("Save the meeting agenda"), file);
}

static void
export_agenda_pdf_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *file = g_date_time_format (now, "agenda-%Y-%m-%d.pdf");

  start_export (MDG_DESK (widget), EXPORT_AGENDA_PDF, _("Save the meeting agenda"), file);
}

static void
mdg_desk_dispose (GObject *object)
{
  MdgDesk *self = MDG_DESK (object);
  GtkWidget *child;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->printer_id, g_source_remove);
  g_clear_handle_id (&self->build_id, g_source_remove);
  g_cancellable_cancel (self->printer_query);
  g_clear_object (&self->printer_query);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->list != NULL)
    {
      mdg_inquiry_list_set_polling (self->list, 0);
      g_signal_handlers_disconnect_by_data (self->list, self);
    }
  self->entry = NULL; /* the entry box's own */
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_DESK);
  /* The template's outer box is not bound to a field, so unparent what is left by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->list);
  g_clear_pointer (&self->purpose_ids, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->flow);
  g_clear_object (&self->settings);
  g_clear_object (&self->staff_visit);
  g_clear_pointer (&self->bound_cells, g_hash_table_unref);
  G_OBJECT_CLASS (mdg_desk_parent_class)->dispose (object);
}

static void
mdg_desk_finalize (GObject *object)
{
  g_free (MDG_DESK (object)->language);
  G_OBJECT_CLASS (mdg_desk_parent_class)->finalize (object);
}

static void retranslate (MdgDesk *self);

static void
mdg_desk_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgDesk *self = MDG_DESK (object);

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
mdg_desk_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdgDesk *self = MDG_DESK (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      {
        const char *language = g_value_get_string (value);

        if (!mdg_i18n_is_supported (language) || g_strcmp0 (self->language, language) == 0)
          return;
        g_free (self->language);
        self->language = g_strdup (language);
        retranslate (self);
        g_object_notify_by_pspec (object, pspec);
      }
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
    case PROP_STAFF_VISIT:
      self->staff_visit = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void mdg_desk_constructed (GObject *object);
static void mdg_desk_realize (GtkWidget *widget);

static void
mdg_desk_class_init (MdgDeskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_desk_dispose;
  object_class->finalize = mdg_desk_finalize;
  object_class->constructed = mdg_desk_constructed;
  object_class->get_property = mdg_desk_get_property;
  object_class->set_property = mdg_desk_set_property;
  widget_class->realize = mdg_desk_realize;

  /* The staff's language: the window binds it to the application's. */
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
  /* The staff entry's visit, kept by whoever outlives the desk (the window, across locks). */
  properties[PROP_STAFF_VISIT] = g_param_spec_object ("staff-visit", NULL, NULL, MDG_TYPE_VISIT,
                                                G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The desk asks to be closed: idle too long, or the lock button. */
  signals[LOCKED] = g_signal_new ("locked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/mdg-desk.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, day_label);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, message_label);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, printer_label);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, pages);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, status_filter);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, purpose_filter);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, count_label);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, waiting_band);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, waiting_count);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, view);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, detail_box);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, orgs_box);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, summary_box);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, figures_box);
  gtk_widget_class_bind_template_child (widget_class, MdgDesk, entry_box);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, any_event_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "desk.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "desk.previous-day", NULL, previous_day_action);
  gtk_widget_class_install_action (widget_class, "desk.next-day", NULL, next_day_action);
  gtk_widget_class_install_action (widget_class, "desk.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "desk.export-day", NULL, export_day_action);
  gtk_widget_class_install_action (widget_class, "desk.export-agenda-csv", NULL,
                                   export_agenda_csv_action);
  gtk_widget_class_install_action (widget_class, "desk.export-agenda-pdf", NULL,
                                   export_agenda_pdf_action);
  gtk_widget_class_install_action (widget_class, "desk.city-day", NULL, city_day_action);
  gtk_widget_class_install_action (widget_class, "desk.export-figures", NULL,
                                   export_figures_action);
}

static void
mdg_desk_init (MdgDesk *self)
{
  self->purpose_ids = g_ptr_array_new_with_free_func (g_free);
  self->bound_cells = g_hash_table_new (NULL, NULL);
  self->language = g_strdup (mdg_i18n_get_language ());
  self->grown_frame = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  mdg_translatable_adopt (GTK_WIDGET (self));
}

/* The filters' labels in the desk's language; what each filter has selected stays. */
static void
label_filter (GtkDropDown  *filter,
              const char  **labels)
{
  GListModel *model = gtk_drop_down_get_model (filter);
  guint selected = gtk_drop_down_get_selected (filter);

  if (model == NULL)
    {
      g_autoptr (GtkStringList) list = gtk_string_list_new (labels);

      gtk_drop_down_set_model (filter, G_LIST_MODEL (list));
      return;
    }
  gtk_string_list_splice (GTK_STRING_LIST (model), 0, g_list_model_get_n_items (model), labels);
  gtk_drop_down_set_selected (filter, selected);
}

static void
label_filters (MdgDesk *self)
{
  g_autoptr (GPtrArray) statuses = g_ptr_array_new ();
  g_autoptr (GPtrArray) purposes = g_ptr_array_new ();
  MdgStep *step = mdg_flow_lookup_role (self->flow, MDG_ROLE_PURPOSE);

  g_ptr_array_add (statuses, (char *) _("All statuses"));
  for (guint i = 1; i < G_N_ELEMENTS (status_ids); i++)
    g_ptr_array_add (statuses, (char *) mdg_inquiry_status_label (status_ids[i], self->language));
  g_ptr_array_add (statuses, NULL);
  label_filter (self->status_filter, (const char **) statuses->pdata);

  g_ptr_array_add (purposes, (char *) _("All purposes"));
  for (guint i = 1; step != NULL && i < self->purpose_ids->len; i++)
    {
      MdgChoice *choice = mdg_step_lookup_choice (step, g_ptr_array_index (self->purpose_ids, i));

      g_ptr_array_add (purposes, (char *) mdg_choice_get_desk_label_in (choice, self->language));
    }
  g_ptr_array_add (purposes, NULL);
  label_filter (self->purpose_filter, (const char **) purposes->pdata);
}

static void
fill_filters (MdgDesk *self)
{
  MdgStep *step = mdg_flow_lookup_role (self->flow, MDG_ROLE_PURPOSE);

  g_ptr_array_add (self->purpose_ids, g_strdup (""));
  if (step != NULL)
    {
      GListModel *choices = mdg_step_get_choices (step);

      for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
        {
          g_autoptr (MdgChoice) choice = g_list_model_get_item (choices, i);

          g_ptr_array_add (self->purpose_ids, g_strdup (mdg_choice_get_id (choice)));
        }
    }
  label_filters (self);
}

/* A language switch re-labels the desk in place: the day, filters, sorting, selection, the
 * inquiry shown and the page stay as they are. */
static void
retranslate (MdgDesk *self)
{
  GListModel *view_columns = gtk_column_view_get_columns (self->view);
  GHashTableIter iter;
  gpointer item;

  mdg_translatable_update (GTK_WIDGET (self));
  say (self, NULL, FALSE);
  show_printer_state (self);
  if (self->list == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (view_columns) && i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);

      gtk_column_view_column_set_title (column, column_title (self, &columns[i]));
    }
  label_filters (self);
  g_hash_table_iter_init (&iter, self->bound_cells);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_cell (item);
  update_day_label (self);
  update_count (self);
}

static const char *
printer_state_text (MdgPrinterState state)
{
  switch (state)
    {
    case MDG_PRINTER_NOT_CONFIGURED:
      return _("Printer: not configured");
    case MDG_PRINTER_READY:
      return _("Printer: ready");
    case MDG_PRINTER_BUSY:
      return _("Printer: printing");
    case MDG_PRINTER_OUT_OF_PAPER:
      return _("Printer: out of paper");
    case MDG_PRINTER_COVER_OPEN:
      return _("Printer: cover open");
    case MDG_PRINTER_JAMMED:
      return _("Printer: paper jam");
    case MDG_PRINTER_PAUSED:
      return _("Printer: paused");
    case MDG_PRINTER_NOT_FOUND:
      return _("Printer: not found");
    case MDG_PRINTER_UNREACHABLE:
      return _("Printer: print service not running");
    case MDG_PRINTER_PROBLEM:
    default:
      return _("Printer: needs attention");
    }
}

static void
show_printer_state (MdgDesk *self)
{
  MdgPrinterState state = self->printer_state;

  gtk_label_set_label (self->printer_label, !self->printer_known ? _("Printer: checking…")
                                                                 : printer_state_text (state));
  if (!self->printer_known || state == MDG_PRINTER_READY || state == MDG_PRINTER_BUSY)
    gtk_widget_remove_css_class (GTK_WIDGET (self->printer_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->printer_label), "error");
}

static void
printer_status_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  MdgPrinterState state = mdg_print_status_finish (result, &error);
  MdgDesk *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* the desk is gone */
  self = user_data;
  g_clear_object (&self->printer_query);
  if (error != NULL)
    {
      g_warning ("The printer's state could not be read: %s", error->message);
      state = MDG_PRINTER_PROBLEM;
    }
  self->printer_state = state;
  self->printer_known = TRUE;
  show_printer_state (self);
}

/* Staff learn of an empty paper roll here before a visitor does: asked of the helper, never
 * of CUPS in this process, so a hanging print service cannot hold the desk. */
static gboolean
refresh_printer_cb (gpointer user_data)
{
  MdgDesk *self = user_data;
  g_autofree char *queue = g_settings_get_string (self->settings, "printer-name");

  if (self->printer_query != NULL)
    return G_SOURCE_CONTINUE;
  self->printer_query = g_cancellable_new ();
  mdg_print_status_async (queue, MDG_DESK_PRINTER_QUERY_SECONDS, self->printer_query,
                          printer_status_cb, self);
  return G_SOURCE_CONTINUE;
}

/* Everything but locking needs the day's list. */
static const char *list_actions[] = {
  "desk.previous-day", "desk.next-day", "desk.today", "desk.export-day", "desk.export-agenda-csv",
  "desk.export-agenda-pdf", "desk.city-day",
};

/* GTK 4.8's column view keeps cells for some 200 rows whatever is visible, and building a row
 * of cells costs about a millisecond. The first frame gets the rows the list has room for (see
 * fit_first_rows_cb); each later frame doubles that, by 64 rows at most, until the view holds
 * all the cells it keeps, then the whole day comes at once. */
#define FIRST_LAYOUT_ROWS 1
#define ROWS_PER_FRAME 64
#define ROWS_WITH_CELLS 200

static gboolean
show_more_rows_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  MdgDesk *self = MDG_DESK (widget);
  guint size = gtk_slice_list_model_get_size (self->shown);

  if (gdk_frame_clock_get_frame_counter (clock) == self->grown_frame)
    return G_SOURCE_CONTINUE;
  if (self->grown_frame < 0)
    {
      self->grown_frame = gdk_frame_clock_get_frame_counter (clock);
      return G_SOURCE_CONTINUE;
    }
  self->grown_frame = gdk_frame_clock_get_frame_counter (clock);
  if (size < ROWS_WITH_CELLS && size < g_list_model_get_n_items (G_LIST_MODEL (self->sorted)))
    {
      gtk_slice_list_model_set_size (self->shown, size + MIN (size, ROWS_PER_FRAME));
      return G_SOURCE_CONTINUE;
    }
  gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
  build_pages_when_idle (self);
  return G_SOURCE_REMOVE;
}

/* The first layout places one row, which tells how tall rows are; the list then gets as many as
 * it shows, and the frame clock lays out again before painting that first frame. */
static void
fit_first_rows_cb (GdkFrameClock *clock,
                   MdgDesk       *self)
{
  GtkAdjustment *scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view));
  double height = gtk_adjustment_get_page_size (scroll);
  GHashTableIter iter;
  gpointer item;
  GtkWidget *row;

  if (height <= 0)
    return; /* the list is not on screen yet */
  g_signal_handlers_disconnect_by_func (clock, fit_first_rows_cb, self);
  g_hash_table_iter_init (&iter, self->bound_cells);
  if (gtk_slice_list_model_get_size (self->shown) != FIRST_LAYOUT_ROWS
      || !g_hash_table_iter_next (&iter, &item, NULL))
    return; /* grown already, or an empty day */
  row = item_row (item);
  if (row != NULL && gtk_widget_get_height (row) > 0)
    gtk_slice_list_model_set_size (self->shown,
                                   (guint) ceil (height / gtk_widget_get_height (row)));
}

static void
mdg_desk_realize (GtkWidget *widget)
{
  MdgDesk *self = MDG_DESK (widget);

  GTK_WIDGET_CLASS (mdg_desk_parent_class)->realize (widget);
  if (self->shown != NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "layout",
                             G_CALLBACK (fit_first_rows_cb), self, G_CONNECT_AFTER);
}

static void
mdg_desk_constructed (GObject *object)
{
  MdgDesk *self = MDG_DESK (object);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (GError) error = NULL;

  G_OBJECT_CLASS (mdg_desk_parent_class)->constructed (object);
  g_assert (MDG_IS_STORE (self->store) && G_IS_SETTINGS (self->settings));

  show_printer_state (self);
  refresh_printer_cb (self);
  self->printer_id = g_timeout_add_seconds (MDG_DESK_PRINTER_SECONDS, refresh_printer_cb, self);
  g_signal_connect_object (self->pages, "notify::visible-child", G_CALLBACK (page_shown_cb), self,
                           G_CONNECT_SWAPPED);
  /* An entry left when the desk locked comes back as it was. */
  if (self->flow == NULL)
    gtk_stack_page_set_visible (gtk_stack_get_page (self->pages, GTK_WIDGET (self->entry_box)),
                                FALSE);
  else if (self->staff_visit != NULL && mdg_staff_entry_visit_in_progress (self->staff_visit))
    {
      gtk_stack_set_visible_child_name (self->pages, "entry");
      say (self, _("The inquiry you were entering when the desk locked is kept here; send it or "
                   "discard it."), FALSE);
    }

  self->list = mdg_inquiry_list_new (self->store, today, &error);
  if (self->list == NULL)
    {
      /* A store that cannot even list today still leaves a desk that says why and can lock. */
      g_autofree char *text = g_strdup_printf (_("The inquiries could not be read: %s"),
                                               error->message);

      g_warning ("%s", text);
      say (self, text, TRUE);
      for (guint i = 0; i < G_N_ELEMENTS (list_actions); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), list_actions[i], FALSE);
      build_pages_when_idle (self);
      restart_idle (self);
      return;
    }
  mdg_inquiry_list_set_polling (self->list, MDG_INQUIRY_LIST_POLL_SECONDS);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  {
    g_autofree char *city = g_settings_get_string (self->settings,
                                                   "city-pg");

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.city-day", *city != '\0');
  }
  fill_filters (self);
  add_columns (self);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->list)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->view)));
  self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)), 0,
                                          FIRST_LAYOUT_ROWS);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), show_more_rows_cb, NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  update_day_label (self);
  update_count (self);
  restart_idle (self);
}

/* The desk over store, flow (NULL when it could not be loaded) and settings. */
MdgDesk *
mdg_desk_new (MdgStore  *store,
              MdgFlow   *flow,
              GSettings *settings)
{
  g_return_val_if_fail (MDG_IS_STORE (store), NULL);
  g_return_val_if_fail (flow == NULL || MDG_IS_FLOW (flow), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MDG_TYPE_DESK, "store", store, "flow", flow, "settings", settings, NULL);
}

GListModel *
mdg_desk_get_rows (MdgDesk *self)
{
  g_return_val_if_fail (MDG_IS_DESK (self), NULL);
  return G_LIST_MODEL (self->selection);
}

MdgFiguresView *
mdg_desk_get_figures (MdgDesk *self)
{
  g_return_val_if_fail (MDG_IS_DESK (self), NULL);
  ensure_page (self, "figures");
  return self->figures;
}

MdgInquiryDetail *
mdg_desk_get_detail (MdgDesk *self)
{
  g_return_val_if_fail (MDG_IS_DESK (self), NULL);
  ensure_page (self, "detail");
  return self->detail;
}

MdgOrgsView *
mdg_desk_get_orgs (MdgDesk *self)
{
  g_return_val_if_fail (MDG_IS_DESK (self), NULL);
  ensure_page (self, "organisations");
  return self->orgs;
}
