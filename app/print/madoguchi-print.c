/* madoguchi-print.c: the only program that talks to CUPS: sends one slip PDF and reports on it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cups/cups.h>
#include <errno.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Each answer must come within this much, and the whole job within the caller's deadline. */
#define WAIT_SECONDS 0.25
#define POLL_MICROSECONDS (200 * 1000)
/* What the caller may add to the deadline for Cancel-Job; the alarm ends us after that. */
#define CANCEL_SECONDS 0.75

static gint64 deadline; /* monotonic, in microseconds */
static char last_failure[256]; /* why the last exchange failed, for the single stderr line */

static gboolean
past_deadline (void)
{
  return g_get_monotonic_time () >= deadline;
}

/* httpSetTimeout calls this when an answer is late: go on waiting only until the deadline. */
static int
timeout_cb (http_t *http,
            void   *user_data)
{
  return !past_deadline ();
}

static void
say (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* One line per state on stdout, flushed at once: the kiosk reads them as they come. */
static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

static int
fail (const char *reason,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

/* `failed REASON` on stdout for the kiosk, and a sentence on stderr for people; exit status 1. */
static int
fail (const char *reason,
      const char *format,
      ...)
{
  va_list args;

  say ("failed %s", reason);
  fputs ("madoguchi-print: ", stderr);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  return 1;
}

/* The scheduler of CUPS_SERVER or client.conf (host[:port] or a socket path), as cups finds it. */
static http_t *
connect_scheduler (void)
{
  int remaining_ms = (int) MAX (1, (deadline - g_get_monotonic_time ()) / 1000);
  http_t *http;

  http = httpConnect2 (cupsServer (), ippPort (), NULL, AF_UNSPEC, cupsEncryption (), 1,
                       MIN (remaining_ms, 2000), NULL);
  if (http == NULL)
    {
      g_snprintf (last_failure, sizeof last_failure,
                  "cannot reach the print service at %s: is cupsd running?", cupsServer ());
      return NULL;
    }
  httpSetTimeout (http, WAIT_SECONDS, timeout_cb, NULL);
  return http;
}

static ipp_t *
new_request (ipp_op_t    op,
             const char *uri)
{
  ipp_t *request = ippNewRequest (op);

  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser ());
  return request;
}

/* Sends a request and keeps the answer only if it came, in time and successful. */
static ipp_t *
exchange (http_t     *http,
          ipp_t      *request,
          const char *resource,
          const char *file)
{
  ipp_t *response = file != NULL ? cupsDoFileRequest (http, request, resource, file)
                                 : cupsDoRequest (http, request, resource);

  if (response == NULL || cupsLastError () > IPP_STATUS_OK_CONFLICTING)
    {
      g_snprintf (last_failure, sizeof last_failure, "%s",
                  past_deadline () ? "the print service did not answer in time"
                                   : cupsLastErrorString ());
      g_clear_pointer (&response, ippDelete);
    }
  return response;
}

/* The printer-state-reasons joined by commas; "none" when there are none. */
static char *
reasons_of (ipp_t      *response,
            const char *name)
{
  ipp_attribute_t *attr = ippFindAttribute (response, name, IPP_TAG_KEYWORD);
  GString *text = g_string_new (NULL);

  for (int i = 0; attr != NULL && i < ippGetCount (attr); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "", ippGetString (attr, i, NULL));
  if (text->len == 0)
    g_string_append (text, "none");
  return g_string_free (text, FALSE);
}

/* The reason a printer's state gives for refusing: the first reason besides "none". */
static char *
first_reason (const char *reasons,
              const char *otherwise)
{
  g_auto (GStrv) list = g_strsplit (reasons, ",", -1);

  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (list[i], "none") != 0)
      return g_strdup (list[i]);
  return g_strdup (otherwise);
}

typedef struct
{
  gboolean found;
  ipp_pstate_t state;
  gboolean accepting;
  char *reasons;
} PrinterInfo;

/* Get-Printer-Attributes; FALSE when there was no answer (the reason is in last_failure). */
static gboolean
query_printer (http_t      *http,
               const char  *uri,
               const char  *resource,
               PrinterInfo *info)
{
  static const char *const wanted[] = { "printer-state", "printer-state-reasons",
                                        "printer-is-accepting-jobs" };
  ipp_t *request = new_request (IPP_OP_GET_PRINTER_ATTRIBUTES, uri);
  ipp_t *response;

  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, wanted);
  response = cupsDoRequest (http, request, resource);
  if (response != NULL && cupsLastError () == IPP_STATUS_ERROR_NOT_FOUND)
    {
      ippDelete (response);
      info->found = FALSE;
      return TRUE;
    }
  if (response == NULL || cupsLastError () > IPP_STATUS_OK_CONFLICTING)
    {
      g_snprintf (last_failure, sizeof last_failure, "%s",
                  past_deadline () ? "the print service did not answer in time"
                                   : cupsLastErrorString ());
      g_clear_pointer (&response, ippDelete);
      return FALSE;
    }
  info->found = TRUE;
  info->state = ippGetInteger (ippFindAttribute (response, "printer-state", IPP_TAG_ENUM), 0);
  info->accepting = ippGetBoolean (ippFindAttribute (response, "printer-is-accepting-jobs",
                                                     IPP_TAG_BOOLEAN), 0);
  info->reasons = reasons_of (response, "printer-state-reasons");
  ippDelete (response);
  return TRUE;
}

static const char *
state_word (ipp_pstate_t state)
{
  switch (state)
    {
    case IPP_PSTATE_IDLE:
      return "idle";
    case IPP_PSTATE_PROCESSING:
      return "processing";
    case IPP_PSTATE_STOPPED:
    default:
      return "stopped";
    }
}

static void
printer_uri (const char *queue,
             char       *uri,
             size_t      uri_size,
             char       *resource,
             size_t      resource_size)
{
  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, (int) uri_size, "ipp", NULL, "localhost", ippPort (),
                    "/printers/%s", queue);
  g_snprintf (resource, resource_size, "/printers/%s", queue);
}

/* --status: one line, `STATE REASONS` (idle, processing or stopped), or `not-found` or
 * `unreachable`; exit 0 only for a queue that exists. */
static int
run_status (const char *queue)
{
  char uri[HTTP_MAX_URI], resource[HTTP_MAX_URI];
  PrinterInfo info = { 0 };
  http_t *http = connect_scheduler ();
  int status = 0;

  printer_uri (queue, uri, sizeof uri, resource, sizeof resource);
  if (http == NULL || !query_printer (http, uri, resource, &info))
    {
      say ("unreachable");
      fprintf (stderr, "madoguchi-print: %s\n", last_failure);
      status = 1;
    }
  else if (!info.found)
    {
      say ("not-found");
      fprintf (stderr, "madoguchi-print: there is no print queue “%s”\n", queue);
      status = 1;
    }
  else
    say ("%s %s%s", state_word (info.state), info.reasons,
         info.accepting ? "" : ",not-accepting-jobs");
  g_free (info.reasons);
  httpClose (http);
  return status;
}

/* Cancel-Job for a job not out by its deadline, so it never comes out for the next visitor. */
static void
cancel_job (const char *uri,
            int         job_id)
{
  http_t *http;
  ipp_t *request;

  deadline = g_get_monotonic_time () + (gint64) (CANCEL_SECONDS * G_USEC_PER_SEC);
  http = connect_scheduler ();
  if (http == NULL)
    return;
  request = new_request (IPP_OP_CANCEL_JOB, uri);
  ippAddInteger (request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippDelete (exchange (http, request, "/jobs/", NULL));
  httpClose (http);
}

static int
run_print (const char *queue,
           const char *pdf,
           const char *title)
{
  static const char *const wanted[] = { "job-state", "job-state-reasons" };
  char uri[HTTP_MAX_URI], resource[HTTP_MAX_URI];
  g_autofree char *reason = NULL;
  PrinterInfo info = { 0 };
  ipp_jstate_t last_state = 0;
  ipp_t *request, *response;
  http_t *http;
  int job_id;

  if (access (pdf, R_OK) != 0)
    return fail ("no-file", "cannot read the slip %s: %s", pdf, g_strerror (errno));
  printer_uri (queue, uri, sizeof uri, resource, sizeof resource);
  http = connect_scheduler ();
  if (http == NULL)
    return fail ("unreachable", "%s", last_failure);
  if (!query_printer (http, uri, resource, &info))
    {
      httpClose (http);
      return fail ("unreachable", "%s", last_failure);
    }
  if (!info.found)
    {
      httpClose (http);
      return fail ("not-found", "there is no print queue “%s”", queue);
    }
  if (info.state == IPP_PSTATE_STOPPED || !info.accepting)
    {
      /* A slip queued on a stopped printer would come out later, for somebody else. */
      reason = first_reason (info.reasons, info.accepting ? "stopped" : "not-accepting-jobs");
      g_free (info.reasons);
      httpClose (http);
      return fail (reason, "the print queue “%s” is %s (%s)", queue,
                   info.accepting ? "stopped" : "not accepting jobs", reason);
    }
  g_free (info.reasons);

  request = new_request (IPP_OP_PRINT_JOB, uri);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", NULL, title);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", NULL,
                "application/pdf");
  response = exchange (http, request, resource, pdf);
  if (response == NULL)
    {
      httpClose (http);
      return fail ("not-sent", "the slip was not accepted by “%s”: %s", queue, last_failure);
    }
  job_id = ippGetInteger (ippFindAttribute (response, "job-id", IPP_TAG_INTEGER), 0);
  ippDelete (response);
  say ("queued %d", job_id);

  for (;;)
    {
      ipp_jstate_t state;

      request = new_request (IPP_OP_GET_JOB_ATTRIBUTES, uri);
      ippAddInteger (request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
      ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                     G_N_ELEMENTS (wanted), NULL, wanted);
      response = exchange (http, request, "/jobs/", NULL);
      if (response == NULL)
        break;
      state = ippGetInteger (ippFindAttribute (response, "job-state", IPP_TAG_ENUM), 0);
      g_free (reason);
      reason = reasons_of (response, "job-state-reasons");
      ippDelete (response);
      if (state != last_state && state == IPP_JSTATE_PROCESSING)
        say ("printing");
      last_state = state;
      if (state == IPP_JSTATE_COMPLETED)
        {
          httpClose (http);
          say ("completed");
          return 0;
        }
      if (state == IPP_JSTATE_ABORTED || state == IPP_JSTATE_CANCELED)
        {
          g_autofree char *why = first_reason (reason, state == IPP_JSTATE_ABORTED ? "aborted"
                                                                                    : "canceled");
          httpClose (http);
          return fail (why, "job %d on “%s” was %s (%s)", job_id, queue,
                       state == IPP_JSTATE_ABORTED ? "aborted" : "canceled", reason);
        }
      if (past_deadline ())
        break;
      g_usleep (POLL_MICROSECONDS);
    }
  httpClose (http);
  cancel_job (uri, job_id);
  return fail ("timeout", "job %d on “%s” did not complete in time and was cancelled", job_id,
               queue);
}

int
main (int   argc,
      char *argv[])
{
  double seconds = 30;
  g_autofree char *status_queue = NULL;
  g_autofree char *title = NULL;
  const GOptionEntry entries[] = {
    { "deadline", 0, 0, G_OPTION_ARG_DOUBLE, &seconds,
      "Give up and cancel the job after this many seconds (default 30)", "SECONDS" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "The job's name in the queue", "TITLE" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_queue,
      "Print the queue's state and reasons, and exit", "QUEUE" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("QUEUE FILE.pdf");
  g_autoptr (GError) error = NULL;

  g_option_context_set_summary (context, "Prints a Madoguchi slip through CUPS, one status line "
                                         "per state on standard output.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "madoguchi-print: %s\n", error->message);
      return 1;
    }
  if (!(seconds > 0 && seconds <= 3600))
    {
      fprintf (stderr, "madoguchi-print: --deadline must be between 0 and 3600 seconds\n");
      return 1;
    }
  deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  /* Whatever a scheduler does, this process ends soon after its deadline. */
  alarm ((unsigned) (seconds + CANCEL_SECONDS) + 1);
  signal (SIGPIPE, SIG_IGN);

  if (status_queue != NULL)
    {
      if (argc != 1)
        {
          fprintf (stderr, "madoguchi-print: --status takes only the queue's name\n");
          return 1;
        }
      return run_status (status_queue);
    }
  if (argc != 3 || *argv[1] == '\0')
    {
      fprintf (stderr, "madoguchi-print: usage: madoguchi-print [--deadline SECONDS] QUEUE FILE.pdf\n");
      return 1;
    }
  return run_print (argv[1], argv[2], title != NULL ? title : "Madoguchi slip");
}
