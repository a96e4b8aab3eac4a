/* mdg-slip-printer.c: prints one visitor's slip on the configured printer, without a dialog. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gtk/gtkunixprint.h>

#include "mdg-slip-printer.h"
#include "mdg-slip.h"
#include "mdg-store-slip.h"

/* A slip still not out by then will not reach this visitor: say so, and let staff reprint it. */
#define PRINT_TIMEOUT_SECONDS 30

struct _MdgSlipPrinter
{
  GObject parent_instance;

  MdgStore *store;
  MdgSlipData *data;
  MdgSlipPaper paper;
  char *printer_name;
  GtkPrinter *printer; /* the configured printer, once found */
  GtkPrintJob *job;
  guint timeout_id;
  gboolean holding; /* a reference on itself while the job runs */
  MdgSlipStatus status;
};

G_DEFINE_FINAL_TYPE (MdgSlipPrinter, mdg_slip_printer, G_TYPE_OBJECT)

enum { PROP_0, PROP_STATUS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
set_status (MdgSlipPrinter *self,
            MdgSlipStatus   status)
{
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/* The job is over: the reference taken in start() goes, and with it perhaps the last one. */
static void
end_job (MdgSlipPrinter *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->holding)
    {
      self->holding = FALSE;
      g_object_unref (self);
    }
}

/* A job that reports trouble and completes after all still counts as printed; `final` says
 * whether more news can come. */
static void
finish (MdgSlipPrinter *self,
        gboolean        printed,
        const char     *reason,
        gboolean        final)
{
  g_autoptr (GError) error = NULL;

  if (self->status == MDG_SLIP_STATUS_PRINTING
      || (printed && self->status == MDG_SLIP_STATUS_FAILED))
    {
      if (!printed)
        g_warning ("The slip for %s was not printed on “%s”: %s", self->data->number,
                   self->printer_name, reason);
      if (!mdg_store_set_printed (self->store, self->data->number, printed, &error))
        g_warning ("%s", error->message);
      set_status (self, printed ? MDG_SLIP_STATUS_PRINTED : MDG_SLIP_STATUS_FAILED);
    }
  if (printed || final)
    end_job (self);
}

static gboolean
timeout_cb (gpointer user_data)
{
  MdgSlipPrinter *self = user_data;

  self->timeout_id = 0;
  finish (self, FALSE, "the printer did not finish in time", TRUE);
  return G_SOURCE_REMOVE;
}

static void
status_changed_cb (MdgSlipPrinter *self,
                   GtkPrintJob    *job)
{
  switch (gtk_print_job_get_status (job))
    {
    case GTK_PRINT_STATUS_FINISHED:
      finish (self, TRUE, NULL, TRUE);
      break;
    case GTK_PRINT_STATUS_FINISHED_ABORTED:
      finish (self, FALSE, "the print service aborted the job", TRUE);
      break;
    case GTK_PRINT_STATUS_PENDING_ISSUE: /* out of paper, say: it may still come out */
      finish (self, FALSE, "the printer reports a problem", FALSE);
      break;
    default:
      break;
    }
}

static void
sent_cb (GtkPrintJob  *job,
         gpointer      user_data,
         const GError *error)
{
  MdgSlipPrinter *self = user_data;

  /* Otherwise the job is queued; its status tells when it is out. */
  if (error != NULL)
    finish (self, FALSE, error->message, TRUE);
}

static GtkPageSetup *
page_setup (MdgSlipPrinter *self)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) size = NULL;

  switch (self->paper)
    {
    case MDG_SLIP_PAPER_A6:
      size = gtk_paper_size_new ("iso_a6");
      break;
    case MDG_SLIP_PAPER_A4:
      size = gtk_paper_size_new (GTK_PAPER_NAME_A4);
      break;
    default:
      size = gtk_paper_size_new_custom ("madoguchi-slip", "Madoguchi slip",
                                        mdg_slip_paper_get_width (self->paper),
                                        mdg_slip_get_height (self->data, self->paper),
                                        GTK_UNIT_POINTS);
    }
  gtk_page_setup_set_paper_size (setup, size);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  return setup;
}

/* GtkPrintJob rather than GtkPrintOperation: in GTK 4.8 an operation run without a dialog
 * crashes (a use-after-free in its printer finder) as soon as it finds a CUPS printer. The job is
 * what the operation would create, drawn here with the same routine and sent asynchronously. */
static void
send_job (MdgSlipPrinter *self)
{
  g_autoptr (GtkPrintSettings) print_settings = gtk_print_settings_new ();
  g_autoptr (GtkPageSetup) setup = page_setup (self);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("Madoguchi slip %s", self->data->number);
  cairo_surface_t *surface;
  cairo_t *cr;

  gtk_print_settings_set_printer (print_settings, self->printer_name);
  self->job = gtk_print_job_new (title, self->printer, print_settings, setup);
  gtk_print_job_set_track_print_status (self->job, TRUE);
  g_signal_connect_object (self->job, "status-changed", G_CALLBACK (status_changed_cb), self,
                           G_CONNECT_SWAPPED);

  surface = gtk_print_job_get_surface (self->job, &error);
  if (surface == NULL)
    {
      finish (self, FALSE, error->message, TRUE);
      return;
    }
  cr = cairo_create (surface);
  mdg_slip_draw (cr, self->data, self->paper);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      finish (self, FALSE, cairo_status_to_string (cairo_surface_status (surface)), TRUE);
      return;
    }
  gtk_print_job_send (self->job, sent_cb, g_object_ref (self), g_object_unref);
}

/* Only the printer named in the settings: never another one instead, as GTK would. */
static gboolean
printer_cb (GtkPrinter *printer,
            gpointer    user_data)
{
  MdgSlipPrinter *self = user_data;

  if (gtk_printer_is_virtual (printer) || g_strcmp0 (gtk_printer_get_name (printer), self->printer_name) != 0)
    return FALSE;
  g_set_object (&self->printer, printer);
  return TRUE;
}

/* Run from an idle, out of GTK's printer listing, which tears its backends down after this. */
static gboolean
printers_listed_idle (gpointer user_data)
{
  MdgSlipPrinter *self = user_data;

  if (!self->holding)
    ; /* timed out while the printers were listed */
  else if (self->printer == NULL)
    finish (self, FALSE, "there is no such printer, or the print service is not running", TRUE);
  else if (!gtk_printer_is_accepting_jobs (self->printer) || gtk_printer_is_paused (self->printer))
    finish (self, FALSE, "the printer is paused or not accepting jobs", TRUE);
  else
    send_job (self);
  return G_SOURCE_REMOVE;
}

static void
printers_listed_cb (gpointer user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, printers_listed_idle, user_data, g_object_unref);
}

void
mdg_slip_printer_start (MdgSlipPrinter *self)
{
  g_return_if_fail (MDG_IS_SLIP_PRINTER (self));
  g_return_if_fail (self->status == MDG_SLIP_STATUS_NONE && !self->holding);

  if (*self->printer_name == '\0')
    return;
  set_status (self, MDG_SLIP_STATUS_PRINTING);
  /* Held until the job is over, so the store learns the outcome after the visitor has left. */
  self->holding = g_object_ref (self) != NULL;
  self->timeout_id = g_timeout_add_seconds (PRINT_TIMEOUT_SECONDS, timeout_cb, self);
  gtk_enumerate_printers (printer_cb, g_object_ref (self), printers_listed_cb, FALSE);
}

MdgSlipStatus
mdg_slip_printer_get_status (MdgSlipPrinter *self)
{
  g_return_val_if_fail (MDG_IS_SLIP_PRINTER (self), MDG_SLIP_STATUS_NONE);
  return self->status;
}

/* What the done page tells the visitor, in the current language; NULL for nothing. */
const char *
mdg_slip_printer_get_message (MdgSlipPrinter *self,
                              gboolean        code_on_screen)
{
  g_return_val_if_fail (MDG_IS_SLIP_PRINTER (self), NULL);

  switch (self->status)
    {
    case MDG_SLIP_STATUS_PRINTING:
      return _("Printing your slip…");
    case MDG_SLIP_STATUS_PRINTED:
      return _("Please take your slip from the printer.");
    case MDG_SLIP_STATUS_FAILED:
      return code_on_screen
               ? _("Your slip could not be printed. Please scan the QR code on this screen, "
                   "or note your number; the staff can print the slip for you.")
               : _("Your slip could not be printed. Please note your number; the staff can "
                   "print the slip for you.");
    case MDG_SLIP_STATUS_NONE:
    default:
      return NULL;
    }
}

static void
mdg_slip_printer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgSlipPrinter *self = MDG_SLIP_PRINTER (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_slip_printer_finalize (GObject *object)
{
  MdgSlipPrinter *self = MDG_SLIP_PRINTER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->job);
  g_clear_object (&self->printer);
  g_clear_object (&self->store);
  g_clear_pointer (&self->data, mdg_slip_data_free);
  g_free (self->printer_name);
  G_OBJECT_CLASS (mdg_slip_printer_parent_class)->finalize (object);
}

static void
mdg_slip_printer_class_init (MdgSlipPrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mdg_slip_printer_finalize;
  object_class->get_property = mdg_slip_printer_get_property;

  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, MDG_SLIP_STATUS_NONE,
                                              MDG_SLIP_STATUS_FAILED, MDG_SLIP_STATUS_NONE,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_slip_printer_init (MdgSlipPrinter *self)
{
}

MdgSlipPrinter *
mdg_slip_printer_new (MdgStore   *store,
                      MdgFlow    *flow,
                      GSettings  *settings,
                      MdgInquiry *inquiry)
{
  MdgSlipPrinter *self;

  g_return_val_if_fail (MDG_IS_STORE (store), NULL);
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), NULL);

  self = g_object_new (MDG_TYPE_SLIP_PRINTER, NULL);
  self->store = g_object_ref (store);
  self->data = mdg_slip_data_new (inquiry, flow, settings);
  self->paper = g_settings_get_enum (settings, "slip-paper");
  self->printer_name = g_settings_get_string (settings, "printer-name");
  return self;
}
