/* test-print.c: slips printed through madoguchi-print, on a real cups-pdf queue and on every kind
 * of printer that cannot print, while a tick in the test checks the main loop never stalls. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "decode.h"
#include "fixtures.h"
#include "kiosk-fixture.h"
#include "mdg-desk.h"
#include "mdg-followup.h"
#include "mdg-store.h"

/* build-aux/start-cups.sh makes these queues; cups-pdf writes the working one's PDFs to OUT_DIR. */
#define QUEUE "madoguchi-test"
#define DISABLED_QUEUE QUEUE "-disabled"
#define STUCK_QUEUE QUEUE "-stuck"
#define MISSING_QUEUE "madoguchi-no-such-queue"
#define OUT_DIR "/var/spool/cups-pdf/" QUEUE
#define MAX_GAP_MS 200

static GSettings *settings;

static void
setup (void)
{
  g_autofree char *script = fixture_source_path ("build-aux/start-cups.sh");
  const char *argv[] = { script, QUEUE, NULL };
  g_autofree char *out = NULL;
  int status;

  out = decode_run (argv, &status);
  cr_assert_eq (status, 0, "build-aux/start-cups.sh failed: CUPS with cups-pdf queues is needed");
  kiosk_open (NULL);
  /* The memory backend is shared within the process: the kiosk sees what the test sets. */
  settings = g_settings_new (APP_ID);
}

static void
teardown (void)
{
  g_clear_object (&settings);
  kiosk_close ();
}

TestSuite (ui_print, .init = setup, .fini = teardown);

/* The longest time between two runs of a 10-ms timeout: what a visitor would feel as a freeze. */
static gint64 last_tick;
static gint64 longest_gap;
static guint tick_id;

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  longest_gap = MAX (longest_gap, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
resume_watch (void)
{
  last_tick = g_get_monotonic_time ();
  tick_id = g_timeout_add (10, tick_cb, NULL);
}

static void
pause_watch (void)
{
  tick_cb (NULL);
  g_clear_handle_id (&tick_id, g_source_remove);
}

/* From the moment Send has returned: what printing costs the kiosk, not what Send itself does. */
static void
watch_main_loop (void)
{
  longest_gap = 0;
  resume_watch ();
}

static void
assert_main_loop_never_stalled (void)
{
  pause_watch ();
  cr_log_info ("the longest main-loop gap was %d ms", (int) (longest_gap / 1000));
  cr_assert_lt (longest_gap, MAX_GAP_MS * 1000, "the kiosk's main loop stalled for %d ms",
                (int) (longest_gap / 1000));
}

static MdgSlipPrinter *
printer (void)
{
  return mdg_window_get_slip_printer (kiosk.window);
}

static gboolean
print_over (void)
{
  MdgSlipStatus status = printer () != NULL ? mdg_slip_printer_get_status (printer ())
                                             : MDG_SLIP_STATUS_NONE;

  return status == MDG_SLIP_STATUS_PRINTED || status == MDG_SLIP_STATUS_FAILED;
}

static gboolean
job_queued (void)
{
  return printer () != NULL && mdg_slip_printer_get_job_id (printer ()) > 0;
}

static gboolean
helper_gone (void)
{
  return printer () != NULL && !mdg_slip_printer_is_busy (printer ());
}

static gboolean painted;

static void
painted_cb (GdkFrameClock *clock,
            gpointer       user_data)
{
  painted = TRUE;
}

static gboolean
is_painted (void)
{
  return painted;
}

/* Answers as a visitor would and sends; returns the stored inquiry once the done page is
 * painted. Printing starts then. */
static MdgInquiry *
send_visit (void)
{
  MdgVisit *visit = mdg_window_get_visit (kiosk.window);
  g_autoptr (GError) error = NULL;
  gboolean watching = tick_id != 0;
  MdgInquiry *inquiry;
  gint64 start;

  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (kiosk.window));
  gulong paint_id;

  /* The answers, Send itself (the store's commit) and painting the done page are the same with
   * or without a printer (bench-ui times them); the watch covers what follows. */
  if (watching)
    pause_watch ();
  fixture_answer_default (visit, "start");
  kiosk_iterate ();
  start = g_get_monotonic_time ();
  cr_assert (gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "visit.send", NULL));
  painted = FALSE;
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), NULL);
  cr_assert (kiosk_wait_until (is_painted, 2000), "within 2 s of Send the done page was not painted");
  g_signal_handler_disconnect (clock, paint_id);
  cr_log_info ("Send to painted took %d ms", (int) ((g_get_monotonic_time () - start) / 1000));
  if (watching)
    resume_watch ();
  cr_assert_str_eq (kiosk_step (), "done");
  cr_assert_not_null (printer (), "Send started no print job");
  inquiry = mdg_store_lookup (mdg_application_get_store (kiosk.app),
                              mdg_slip_printer_get_number (printer ()), &error);
  cr_assert_not_null (inquiry, "%s", error ? error->message : "");
  return inquiry;
}

static gboolean
stored_printed (MdgInquiry *inquiry)
{
  g_autoptr (MdgInquiry) stored = mdg_store_lookup (mdg_application_get_store (kiosk.app),
                                                    mdg_inquiry_get_number (inquiry), NULL);

  cr_assert_not_null (stored);
  return mdg_inquiry_get_printed (stored);
}

static char *
stored_url (MdgInquiry *inquiry)
{
  g_autofree char *url_template = g_settings_get_string (settings, "followup-url");

  return mdg_followup_build_url (url_template, mdg_inquiry_get_number (inquiry),
                                 mdg_inquiry_get_token (inquiry), "ja");
}

static const char *wanted_text;

static gboolean
page_says_wanted (void)
{
  return kiosk_find_label (GTK_WIDGET (kiosk.window), wanted_text) != NULL;
}

/* The done page's printing line, once it says `text`, within `ms`. */
static GtkWidget *
wait_for_page_saying (const char *text,
                      guint       ms)
{
  wanted_text = text;
  cr_assert (kiosk_wait_until (page_says_wanted, ms), "within %u ms the done page never said “%s”",
             ms, text);
  return kiosk_find_label (GTK_WIDGET (kiosk.window), text);
}

/* Child processes of this one, zombies included: every thread's /proc children list. */
static guint
count_children (void)
{
  g_autoptr (GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  const char *task;
  guint n = 0;

  cr_assert_not_null (tasks);
  while ((task = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", task, "children", NULL);
      g_autofree char *pids = NULL;
      g_auto (GStrv) words = NULL;

      if (!g_file_get_contents (path, &pids, NULL, NULL))
        continue;
      words = g_strsplit (g_strstrip (pids), " ", -1);
      for (guint i = 0; words[i] != NULL; i++)
        n += *words[i] != '\0';
    }
  return n;
}

static guint
count_fds (void)
{
  g_autoptr (GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  cr_assert_not_null (fds);
  while (g_dir_read_name (fds) != NULL)
    n++;
  return n;
}

static guint expected_fds;

static gboolean
all_gone (void)
{
  return count_children () == 0 && count_fds () <= expected_fds
         && (printer () == NULL || !mdg_slip_printer_is_busy (printer ()));
}

/* Within `ms`, no helper left, reaped or not, and no descriptor more than `fds`. */
static void
assert_helpers_gone (guint fds,
                     guint ms)
{
  expected_fds = fds;
  cr_assert (kiosk_wait_until (all_gone, ms),
             "%u ms after the outcome, %u child processes and %u descriptors (before: %u) remain",
             ms, count_children (), count_fds (), fds);
}

/* One print that fails, so that GLib's worker thread and the like exist before counting. */
static void
warm_up (void)
{
  g_autoptr (MdgInquiry) inquiry = NULL;

  cr_assert (g_settings_set_string (settings, "printer-name", MISSING_QUEUE));
  inquiry = send_visit ();
  cr_assert (kiosk_wait_until (print_over, 5000), "the warm-up print never ended");
  cr_assert (kiosk_wait_until (helper_gone, 5000), "the warm-up helper never ended");
  mdg_visit_reset (mdg_window_get_visit (kiosk.window));
  kiosk_iterate ();
}

Test (ui_print, prints_the_slip_to_cups_and_its_code_decodes)
{
  g_autoptr (GHashTable) before = decode_list_dir (OUT_DIR);
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autofree char *url = NULL, *expected = NULL;

  cr_assert (g_settings_set_string (settings, "printer-name", QUEUE));
  watch_main_loop ();
  inquiry = send_visit ();
  /* Send returned at once: the page is up while the job is still under way. */
  wait_for_page_saying ("受付票を印刷しています", 1000);
  wait_for_page_saying ("プリンターから受付票をお取りください", 20000);
  cr_assert (stored_printed (inquiry));
  cr_assert (kiosk_wait_until (helper_gone, 2000), "the helper did not end after “completed”");
  assert_main_loop_never_stalled ();

  url = stored_url (inquiry);
  expected = g_strconcat (url, "\n", NULL);
  cr_assert (decode_wait_for_pdf (OUT_DIR, before, 20, expected, kiosk.dir),
             "within 20 s no PDF with the inquiry's QR code arrived in %s", OUT_DIR);
}

/* A printer that fails at once: said within 2 s, the code stays on screen, the slip unprinted. */
static void
assert_fails_quickly (void)
{
  g_autoptr (MdgInquiry) inquiry = NULL;
  GtkWidget *status;
  guint fds;

  warm_up ();
  fds = count_fds ();
  watch_main_loop ();
  inquiry = send_visit ();
  status = wait_for_page_saying ("受付票を印刷できませんでした", 2000);
  cr_assert (strstr (gtk_label_get_label (GTK_LABEL (status)), "QRコード") != NULL,
             "it points to the code on screen: %s", gtk_label_get_label (GTK_LABEL (status)));
  cr_assert (gtk_widget_has_css_class (status, "error"));
  cr_assert (!stored_printed (inquiry), "the slip stays unprinted, for a reprint");
  cr_assert_eq (mdg_slip_printer_get_job_id (printer ()), 0, "no job was sent");
  assert_helpers_gone (fds, 2000);
  assert_main_loop_never_stalled ();
}

Test (ui_print, a_missing_queue_fails_within_two_seconds)
{
  cr_assert (g_settings_set_string (settings, "printer-name", MISSING_QUEUE));
  assert_fails_quickly ();
}

Test (ui_print, a_disabled_queue_fails_within_two_seconds)
{
  cr_assert (g_settings_set_string (settings, "printer-name", DISABLED_QUEUE));
  assert_fails_quickly ();
}

/* A stopped cupsd, as a client sees it: nothing listens on its port, or its socket is gone. */
Test (ui_print, no_scheduler_on_the_port_fails_within_two_seconds)
{
  g_setenv ("CUPS_SERVER", "127.0.0.1:9", TRUE);
  cr_assert (g_settings_set_string (settings, "printer-name", QUEUE));
  assert_fails_quickly ();
}

Test (ui_print, no_scheduler_socket_fails_within_two_seconds)
{
  g_autofree char *socket = g_build_filename (kiosk.dir, "no-cupsd.sock", NULL);

  g_setenv ("CUPS_SERVER", socket, TRUE);
  cr_assert (g_settings_set_string (settings, "printer-name", QUEUE));
  assert_fails_quickly ();
}

/* The scheduler the test plays: accepts every connection and never answers. */
typedef struct
{
  int fd;
  guint watch_id;
  GArray *accepted;
} Listener;

static gboolean
accept_cb (int          fd,
           GIOCondition condition,
           gpointer     user_data)
{
  Listener *listener = user_data;
  int client = accept4 (fd, NULL, NULL, SOCK_CLOEXEC);

  if (client >= 0)
    g_array_append_val (listener->accepted, client);
  return G_SOURCE_CONTINUE;
}

static int
listener_start (Listener *listener)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t length = sizeof address;

  listener->accepted = g_array_new (FALSE, FALSE, sizeof (int));
  listener->fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  cr_assert_geq (listener->fd, 0);
  cr_assert_eq (bind (listener->fd, (struct sockaddr *) &address, sizeof address), 0);
  cr_assert_eq (listen (listener->fd, 16), 0);
  cr_assert_eq (getsockname (listener->fd, (struct sockaddr *) &address, &length), 0);
  listener->watch_id = g_unix_fd_add (listener->fd, G_IO_IN, accept_cb, listener);
  return ntohs (address.sin_port);
}

static void
listener_stop (Listener *listener)
{
  g_clear_handle_id (&listener->watch_id, g_source_remove);
  for (guint i = 0; i < listener->accepted->len; i++)
    close (g_array_index (listener->accepted, int, i));
  g_clear_pointer (&listener->accepted, g_array_unref);
  close (listener->fd);
}

Test (ui_print, a_scheduler_that_never_answers_is_given_up_at_the_deadline)
{
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autofree char *server = NULL;
  Listener listener = { -1 };
  GtkWidget *status;
  guint fds, connections;
  gint64 start;

  cr_assert (g_settings_set_uint (settings, "print-timeout-seconds", 3));
  warm_up ();
  fds = count_fds ();
  server = g_strdup_printf ("127.0.0.1:%d", listener_start (&listener));
  g_setenv ("CUPS_SERVER", server, TRUE);
  cr_assert (g_settings_set_string (settings, "printer-name", QUEUE));

  watch_main_loop ();
  start = g_get_monotonic_time ();
  inquiry = send_visit ();
  wait_for_page_saying ("受付票を印刷しています", 1000);
  status = wait_for_page_saying ("受付票を印刷できませんでした", 4000);
  cr_assert_geq (g_get_monotonic_time () - start, G_USEC_PER_SEC,
                 "the helper gave up before it had waited for an answer");
  cr_assert (strstr (gtk_label_get_label (GTK_LABEL (status)), "QRコード") != NULL);
  cr_assert (!stored_printed (inquiry));
  cr_assert_eq (mdg_slip_printer_get_job_id (printer ()), 0, "no job can have been queued");
  connections = listener.accepted->len;
  cr_assert_geq (connections, 1, "the helper never connected to CUPS_SERVER=%s", server);
  assert_main_loop_never_stalled ();
  /* Closing the test's ends of the connections leaves exactly the descriptors of before. */
  cr_assert (kiosk_wait_until (helper_gone, 2000), "the helper was still there 2 s later");
  listener_stop (&listener);
  assert_helpers_gone (fds, 1000);
}

static char *job_name;

static gboolean
job_left (void)
{
  const char *argv[] = { "lpstat", "-W", "not-completed", "-o", STUCK_QUEUE, NULL };
  g_autofree char *out = NULL;
  int status;

  out = decode_run (argv, &status);
  return out != NULL && strstr (out, job_name) != NULL;
}

static gboolean
job_gone (void)
{
  return !job_left ();
}

/* A queue whose printer never takes the job: cancelled in CUPS at the deadline, so it can never
 * come out later for the next visitor. */
Test (ui_print, a_job_not_out_by_the_deadline_is_cancelled_in_cups)
{
  g_autoptr (MdgInquiry) inquiry = NULL;
  guint fds;

  cr_assert (g_settings_set_uint (settings, "print-timeout-seconds", 3));
  warm_up ();
  fds = count_fds ();
  cr_assert (g_settings_set_string (settings, "printer-name", STUCK_QUEUE));
  watch_main_loop ();
  inquiry = send_visit ();
  cr_assert (kiosk_wait_until (job_queued, 2000), "within 2 s the helper never said “queued”");
  job_name = g_strdup_printf ("%s-%d ", STUCK_QUEUE, mdg_slip_printer_get_job_id (printer ()));
  cr_assert (job_left (), "job %s is not in the queue while it prints", job_name);
  wait_for_page_saying ("受付票を印刷できませんでした", 4000);
  cr_assert (!stored_printed (inquiry));
  assert_main_loop_never_stalled ();
  assert_helpers_gone (fds, 2000);
  cr_assert (kiosk_wait_until (job_gone, 2000), "job %s was left in the queue", job_name);
  g_clear_pointer (&job_name, g_free);
}

Test (ui_print, fifty_visits_with_printing_leave_no_process_or_descriptor)
{
  guint fds;

  warm_up ();
  fds = count_fds ();
  watch_main_loop ();
  for (int i = 0; i < 50; i++)
    {
      g_autoptr (MdgInquiry) inquiry = send_visit ();

      cr_assert (kiosk_wait_until (print_over, 3000), "visit %d: the print never ended", i + 1);
      cr_assert (kiosk_wait_until (helper_gone, 3000), "visit %d: the helper never ended", i + 1);
      pause_watch (); /* the welcome page built anew is no printing either */
      mdg_visit_reset (mdg_window_get_visit (kiosk.window));
      kiosk_iterate ();
      resume_watch ();
    }
  assert_main_loop_never_stalled ();
  assert_helpers_gone (fds, 2000);
}

static GtkWidget *desk;

static gboolean
desk_says_wanted (void)
{
  return kiosk_find_label (desk, wanted_text) != NULL;
}

static void
assert_desk_says (const char *queue,
                  const char *text)
{
  cr_assert (g_settings_set_string (settings, "printer-name", queue));
  /* Building and dropping the desk is not the printer's doing. */
  pause_watch ();
  desk = GTK_WIDGET (mdg_desk_new (mdg_application_get_store (kiosk.app),
                                   mdg_application_get_flow (kiosk.app),
                                   mdg_application_get_settings (kiosk.app)));
  g_object_ref_sink (desk);
  resume_watch ();
  wanted_text = text;
  cr_assert (kiosk_wait_until (desk_says_wanted, 6000), "within 6 s the desk never said “%s” for %s",
             text, queue);
  pause_watch ();
  g_clear_object (&desk);
  resume_watch ();
}

Test (ui_print, the_desk_header_says_the_printer_state_in_words)
{
  watch_main_loop ();
  assert_desk_says (QUEUE, "プリンター: 準備完了");
  assert_desk_says (DISABLED_QUEUE, "プリンター: 一時停止中");
  assert_desk_says (MISSING_QUEUE, "プリンター: 見つかりません");
  assert_desk_says ("", "プリンター: 未設定");
  g_setenv ("CUPS_SERVER", "127.0.0.1:9", TRUE);
  assert_desk_says (QUEUE, "プリンター: 印刷サービスが動いていません");
  assert_main_loop_never_stalled ();
}
