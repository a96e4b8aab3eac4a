/* mdg-print.c: starts the madoguchi-print helper, the only part of Madoguchi that talks to CUPS. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mdg-error.h"
#include "mdg-print.h"

static GSubprocess *
spawn (const char *const *args,
       GSubprocessFlags   flags,
       GError           **error)
{
  g_autofree char *helper = mdg_print_helper_path ();
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, helper);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  return g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | flags, error);
}

/* `seconds` is the caller's whole budget: the helper gives up and cancels a little before.
 * Its stderr line goes where ours goes (the kiosk's journal) unless `flags` say otherwise. */
GSubprocess *
mdg_print_spawn_job (const char      *queue,
                     const char      *pdf,
                     const char      *title,
                     double           seconds,
                     GSubprocessFlags flags,
                     GError         **error)
{
  char deadline[G_ASCII_DTOSTR_BUF_SIZE];
  const char *args[] = { "--deadline", deadline, "--title", title, "--", queue, pdf, NULL };

  g_return_val_if_fail (queue != NULL && pdf != NULL && title != NULL, NULL);
  g_ascii_dtostr (deadline, sizeof deadline,
                  MAX (seconds - MDG_PRINT_GRACE_SECONDS, seconds / 2));
  return spawn (args, flags, error);
}

/* The slip as a PDF in a private folder of its own (0700, the file 0600), for the helper. */
char *
mdg_print_write_slip (const MdgSlipData *data,
                      MdgSlipPaper       paper,
                      GError           **error)
{
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-slip-XXXXXX", error);
  g_autofree char *pdf = NULL;

  if (dir == NULL)
    return NULL;
  pdf = g_build_filename (dir, "slip.pdf", NULL);
  if (!mdg_slip_write_pdf (data, paper, pdf, error) || g_chmod (pdf, 0600) != 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, MDG_ERROR, MDG_ERROR_IO, "Cannot protect %s: %s", pdf,
                     g_strerror (errno));
      g_unlink (pdf);
      g_rmdir (dir);
      return NULL;
    }
  return g_steal_pointer (&pdf);
}

/* Removes the slip written by mdg_print_write_slip and its folder. */
void
mdg_print_remove_slip (const char *pdf)
{
  g_autofree char *dir = NULL;

  if (pdf == NULL)
    return;
  dir = g_path_get_dirname (pdf);
  g_unlink (pdf);
  g_rmdir (dir);
}

/* For madoguchi-admin: blocks, but never past the helper's own deadline and alarm. */
gboolean
mdg_print_slip_sync (const char        *queue,
                     const MdgSlipData *data,
                     MdgSlipPaper       paper,
                     double             seconds,
                     GError           **error)
{
  g_autofree char *pdf = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *title = NULL;
  g_autoptr (GSubprocess) helper = NULL;
  g_auto (GStrv) lines = NULL;
  const char *last = "";
  gboolean ok;

  pdf = mdg_print_write_slip (data, paper, error);
  if (pdf == NULL)
    return FALSE;
  title = g_strdup_printf ("Madoguchi slip %s", data->number);
  /* Its message becomes part of ours, so that the admin still says one line. */
  helper = mdg_print_spawn_job (queue, pdf, title, seconds, G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  ok = helper != NULL && g_subprocess_communicate_utf8 (helper, NULL, NULL, &out, &err, error);
  mdg_print_remove_slip (pdf);
  if (!ok)
    return FALSE;
  lines = g_strsplit (out != NULL ? g_strstrip (out) : "", "\n", -1);
  if (lines[0] != NULL)
    last = lines[g_strv_length (lines) - 1];
  if (g_subprocess_get_if_exited (helper) && g_subprocess_get_exit_status (helper) == 0
      && strcmp (last, "completed") == 0)
    return TRUE;
  err = g_strstrip (g_steal_pointer (&err));
  if (strchr (err, '\n') != NULL)
    *strchr (err, '\n') = '\0';
  g_set_error (error, MDG_ERROR, MDG_ERROR_IO, "the slip for %s was not printed: %s", data->number,
               g_str_has_prefix (err, "madoguchi-print: ") ? err + strlen ("madoguchi-print: ")
               : *err != '\0'                           ? err
               : g_str_has_prefix (last, "failed ")      ? last + strlen ("failed ")
                                                         : "the print helper ended early");
  return FALSE;
}

/* Reads `madoguchi-print --status` output: `STATE REASONS`, `not-found` or `unreachable`. */
MdgPrinterState
mdg_print_parse_status (const char *line)
{
  g_auto (GStrv) words = g_strsplit (line != NULL ? line : "", " ", 2);
  g_auto (GStrv) reasons = NULL;
  gboolean problem = FALSE;

  if (words[0] == NULL || strcmp (words[0], "unreachable") == 0)
    return MDG_PRINTER_UNREACHABLE;
  if (strcmp (words[0], "not-found") == 0)
    return MDG_PRINTER_NOT_FOUND;
  reasons = g_strsplit (words[1] != NULL ? g_strstrip (words[1]) : "none", ",", -1);
  for (guint i = 0; reasons[i] != NULL; i++)
    {
      const char *reason = reasons[i];

      /* -report and -warning are news, not trouble; an IPP reason with no suffix is an error. */
      if (g_str_has_suffix (reason, "-report") || g_str_has_suffix (reason, "-warning")
          || strcmp (reason, "none") == 0 || strcmp (reason, "paused") == 0)
        continue;
      if (g_str_has_prefix (reason, "media-empty") || g_str_has_prefix (reason, "media-needed"))
        return MDG_PRINTER_OUT_OF_PAPER;
      if (g_str_has_prefix (reason, "cover-open") || g_str_has_prefix (reason, "door-open"))
        return MDG_PRINTER_COVER_OPEN;
      if (g_str_has_prefix (reason, "media-jam"))
        return MDG_PRINTER_JAMMED;
      if (strcmp (reason, "not-accepting-jobs") == 0)
        return MDG_PRINTER_PAUSED;
      problem = TRUE;
    }
  if (strcmp (words[0], "stopped") == 0)
    return MDG_PRINTER_PAUSED;
  if (problem)
    return MDG_PRINTER_PROBLEM;
  return strcmp (words[0], "processing") == 0 ? MDG_PRINTER_BUSY : MDG_PRINTER_READY;
}

typedef struct
{
  GSubprocess *helper;
  guint kill_id;
} StatusRun;

static void
status_run_free (StatusRun *run)
{
  g_clear_handle_id (&run->kill_id, g_source_remove);
  g_clear_object (&run->helper);
  g_free (run);
}

static gboolean
status_kill_cb (gpointer user_data)
{
  StatusRun *run = user_data;

  run->kill_id = 0;
  g_subprocess_force_exit (run->helper);
  return G_SOURCE_REMOVE;
}

static void
status_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autofree char *out = NULL;
  GError *error = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &out, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, mdg_print_parse_status (out != NULL ? g_strstrip (out) : NULL));
}

/* The queue's state through `madoguchi-print --status`, without blocking; killed at `seconds`. */
void
mdg_print_status_async (const char          *queue,
                        double               seconds,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  char deadline[G_ASCII_DTOSTR_BUF_SIZE];
  const char *args[] = { "--deadline", deadline, "--status", queue, NULL };
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  StatusRun *run = g_new0 (StatusRun, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, mdg_print_status_async);
  g_task_set_task_data (task, run, (GDestroyNotify) status_run_free);
  if (queue == NULL || *queue == '\0')
    {
      g_task_return_int (task, MDG_PRINTER_NOT_CONFIGURED);
      return;
    }
  g_ascii_dtostr (deadline, sizeof deadline, MAX (seconds - MDG_PRINT_GRACE_SECONDS, seconds / 2));
  run->helper = spawn (args, G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  if (run->helper == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  run->kill_id = g_timeout_add ((guint) (seconds * 1000), status_kill_cb, run);
  g_subprocess_communicate_utf8_async (run->helper, NULL, cancellable, status_done_cb,
                                       g_object_ref (task));
}

MdgPrinterState
mdg_print_status_finish (GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), MDG_PRINTER_UNREACHABLE);
  return g_task_propagate_int (G_TASK (result), error);
}
