/* mdg-slip-printer.c: prints one visitor's slip through the madoguchi-print helper process. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "mdg-print.h"
#include "mdg-slip-printer.h"
#include "mdg-slip.h"
#include "mdg-store-slip.h"

/* Nothing the printer does reaches this process but lines on a pipe: the helper talks to CUPS,
 * is killed at the deadline, and cancels its job itself a little before. */
struct _MdgSlipPrinter
{
  GObject parent_instance;

  MdgStore *store;
  MdgSlipData *data;
  MdgSlipPaper paper;
  char *printer_name;
  guint timeout_seconds;
  int job_id;               /* CUPS's number for the job, once queued */
  gboolean was_printed;     /* the store's flag before this job */
  char *pdf;                /* the slip written for the helper, removed when it is gone */
  GSubprocess *helper;
  GDataInputStream *lines;
  GCancellable *cancellable;
  guint timeout_id;
  gboolean reading;         /* the helper's stdout is still open */
  gboolean waiting;         /* the helper has not been reaped yet */
  gboolean holding;         /* a reference on itself while the job runs */
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

/* The outcome is told once; anything the helper says after it is ignored. */
static void
finish (MdgSlipPrinter *self,
        gboolean        printed,
        const char     *reason)
{
  g_autoptr (GError) error = NULL;

  if (self->status != MDG_SLIP_STATUS_PRINTING)
    return;
  if (!printed)
    g_warning ("The slip for %s was not printed on “%s”: %s", self->data->number,
               self->printer_name, reason);
  /* A commit waits for the disk: only when the flag changes (a new slip is already unprinted). */
  if (printed != self->was_printed
      && !mdg_store_set_printed (self->store, self->data->number, printed, &error))
    g_warning ("%s", error->message);
  set_status (self, printed ? MDG_SLIP_STATUS_PRINTED : MDG_SLIP_STATUS_FAILED);
}

/* Once the helper is reaped and its pipe closed, nothing of the job is left in this process. */
static void
maybe_end (MdgSlipPrinter *self)
{
  if (self->reading || self->waiting)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  finish (self, FALSE, "the print helper ended without saying how the job went");
  if (self->lines != NULL)
    g_input_stream_close (G_INPUT_STREAM (self->lines), NULL, NULL);
  g_clear_object (&self->lines);
  g_clear_object (&self->helper);
  mdg_print_remove_slip (self->pdf);
  g_clear_pointer (&self->pdf, g_free);
  if (self->holding)
    {
      self->holding = FALSE;
      g_object_unref (self);
    }
}

static void read_next (MdgSlipPrinter *self);

static void
line_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  MdgSlipPrinter *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source),
                                                                      result, NULL, &error);

  if (line == NULL)
    {
      self->reading = FALSE;
      maybe_end (self);
      return;
    }
  if (g_str_has_prefix (line, "queued "))
    self->job_id = atoi (line + strlen ("queued "));
  else if (strcmp (line, "completed") == 0)
    finish (self, TRUE, NULL);
  else if (g_str_has_prefix (line, "failed"))
    finish (self, FALSE, line);
  read_next (self);
}

static void
read_next (MdgSlipPrinter *self)
{
  g_data_input_stream_read_line_async (self->lines, G_PRIORITY_DEFAULT, self->cancellable,
                                       line_cb, self);
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  MdgSlipPrinter *self = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  self->waiting = FALSE;
  maybe_end (self);
}

/* The kiosk's own deadline: whatever the helper is doing, it goes. */
static gboolean
timeout_cb (gpointer user_data)
{
  MdgSlipPrinter *self = user_data;

  self->timeout_id = 0;
  finish (self, FALSE, "the printer did not finish in time");
  if (self->helper != NULL)
    g_subprocess_force_exit (self->helper);
  return G_SOURCE_REMOVE;
}

static void
start_helper (MdgSlipPrinter *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("Madoguchi slip %s", self->data->number);

  self->helper = mdg_print_spawn_job (self->printer_name, self->pdf, title, self->timeout_seconds,
                                      G_SUBPROCESS_FLAGS_NONE, &error);
  if (self->helper == NULL)
    {
      finish (self, FALSE, error->message);
      maybe_end (self);
      return;
    }
  self->lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->helper));
  self->reading = self->waiting = TRUE;
  g_subprocess_wait_async (self->helper, NULL, wait_cb, self);
  read_next (self);
}

static void
write_slip_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  MdgSlipPrinter *self = source;
  GError *error = NULL;
  char *pdf = mdg_print_write_slip (self->data, self->paper, &error);

  if (pdf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pdf, g_free);
}

static void
slip_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MdgSlipPrinter *self = MDG_SLIP_PRINTER (source);
  g_autoptr (GError) error = NULL;

  self->pdf = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->pdf == NULL)
    {
      finish (self, FALSE, error->message);
      maybe_end (self);
    }
  else if (self->status != MDG_SLIP_STATUS_PRINTING)
    maybe_end (self); /* the deadline came while the slip was drawn */
  else
    start_helper (self);
}

void
mdg_slip_printer_start (MdgSlipPrinter *self)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (MDG_IS_SLIP_PRINTER (self));
  g_return_if_fail (self->status == MDG_SLIP_STATUS_NONE && !self->holding);

  if (*self->printer_name == '\0')
    return;
  set_status (self, MDG_SLIP_STATUS_PRINTING);
  /* Held until the helper is gone, so the store learns the outcome after the visitor has left. */
  self->holding = g_object_ref (self) != NULL;
  self->timeout_id = g_timeout_add_seconds (self->timeout_seconds, timeout_cb, self);
  /* Drawn in a thread: the done page paints meanwhile. */
  task = g_task_new (self, NULL, slip_written_cb, NULL);
  g_task_set_source_tag (task, mdg_slip_printer_start);
  g_task_run_in_thread (task, write_slip_thread);
}

MdgSlipStatus
mdg_slip_printer_get_status (MdgSlipPrinter *self)
{
  g_return_val_if_fail (MDG_IS_SLIP_PRINTER (self), MDG_SLIP_STATUS_NONE);
  return self->status;
}

const char *
mdg_slip_printer_get_number (MdgSlipPrinter *self)
{
  g_return_val_if_fail (MDG_IS_SLIP_PRINTER (self), NULL);
  return self->data->number;
}

/* CUPS's job number, 0 until the helper has queued the job. */
int
mdg_slip_printer_get_job_id (MdgSlipPrinter *self)
{
  g_return_val_if_fail (MDG_IS_SLIP_PRINTER (self), 0);
  return self->job_id;
}

/* Whether the helper is still running or not yet reaped. */
gboolean
mdg_slip_printer_is_busy (MdgSlipPrinter *self)
{
  g_return_val_if_fail (MDG_IS_SLIP_PRINTER (self), FALSE);
  return self->holding;
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
      /* No printer at this desk: the visitor must not wait for a slip. */
      return code_on_screen
               ? _("No slip is printed here. Please scan the QR code or note your number.")
               : _("No slip is printed here. Please note your number.");
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

  g_assert (self->helper == NULL && self->pdf == NULL);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->cancellable);
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
  self->cancellable = g_cancellable_new ();
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
  self->was_printed = mdg_inquiry_get_printed (inquiry);
  self->timeout_seconds = g_settings_get_uint (settings, "print-timeout-seconds");
  return self;
}
