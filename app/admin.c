/* admin.c: madoguchi-admin, the staff's command line over the inquiry store. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <gio/gunixoutputstream.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mdg-admin-module.h"
#include "mdg-admin-table.h"
#include "mdg-csv.h"
#include "mdg-desk-store.h"
#include "mdg-error.h"
#include "mdg-figures.h"
#include "mdg-file.h"
#include "mdg-followup.h"
#include "mdg-health.h"
#include "mdg-i18n.h"
#include "mdg-introduction.h"
#include "mdg-orgs.h"
#include "mdg-period.h"
#include "mdg-pg-city.h"
#include "mdg-pin.h"
#include "mdg-print-helper.h"
#include "mdg-settings.h"
#include "mdg-store.h"
#include "mdg-store-maintenance.h"
#include "mdg-store-slip.h"

typedef struct
{
  const char *name;
  const char *usage;
  const char *summary;
  gboolean (*run) (int argc, char **argv, GError **error);
} Command;

static char *db_path = NULL;

static const GOptionEntry db_option[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
    "The inquiry database (default: $XDG_DATA_HOME/madoguchi/inquiries.db)", "PATH" },
  { NULL },
};

static gboolean
parse (const char         *usage,
       const GOptionEntry *entries,
       int                *argc,
       char             ***argv,
       int                 n_positional,
       GError            **error)
{
  g_autoptr (GOptionContext) context = g_option_context_new (usage);

  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, db_option, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc - 2 != n_positional)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "usage: madoguchi-admin %s %s",
                   (*argv)[1], usage);
      return FALSE;
    }
  return TRUE;
}

/* Every command but set-pin works on the kiosk's existing database and never creates one. */
static MdgStore *
open_store (GError **error)
{
  g_autofree char *path = db_path != NULL ? g_strdup (db_path) : mdg_store_default_path ();

  return mdg_store_open_existing (path, error);
}

/* The commands that only read open the file read-only: no lock a writer would wait for, no
 * migration, not a byte changed, and a copy in a read-only folder can be examined. */
static MdgStore *
open_store_as_it_is (GError **error)
{
  g_autofree char *path = db_path != NULL ? g_strdup (db_path) : mdg_store_default_path ();

  return mdg_store_open_read_only (path, error);
}

/* Those that read inquiries also need the current schema, which a reader never makes. */
static MdgStore *
open_store_read_only (GError **error)
{
  g_autoptr (MdgStore) store = open_store_as_it_is (error);

  if (store == NULL || !mdg_store_require_current (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

/* Exactly YYYY-MM-DD in ASCII digits: no sign, no space, no other width. */
static gboolean
valid_day (const char *day)
{
  GDate date;

  return mdg_period_parse_day (day, &date);
}

static gboolean
check_day (const char *option,
           const char *day,
           GError    **error)
{
  if (valid_day (day))
    return TRUE;
  g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
               "%s needs a real date as YYYY-MM-DD, not “%s”", option, day != NULL ? day : "");
  return FALSE;
}

static gboolean
check_language (const char *language,
                GError    **error)
{
  g_autofree char *offered = NULL;

  if (mdg_i18n_is_supported (language))
    return TRUE;
  offered = mdg_i18n_describe_supported ();
  g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT, "--language must be %s, not “%s”",
               offered, language);
  return FALSE;
}

/* The kiosk's settings when its schema is installed; NULL lets callers use the defaults. */
static GSettings *
kiosk_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GPtrArray) out_of_range = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  out_of_range = mdg_settings_check_ranges (settings);
  for (guint i = 0; i < out_of_range->len; i++)
    g_printerr ("madoguchi-admin: warning: %s\n", (char *) g_ptr_array_index (out_of_range, i));
  return g_steal_pointer (&settings);
}

/* The flow the kiosk uses: its flow-file setting, else the built-in default. */
static MdgFlow *
kiosk_flow (GError **error)
{
  g_autoptr (GSettings) settings = kiosk_settings ();
  g_autofree char *flow_file = settings != NULL ? g_settings_get_string (settings, "flow-file") : NULL;
  g_autoptr (GFile) file = NULL;

  if (flow_file == NULL || *flow_file == '\0')
    return mdg_flow_new_default (error);
  file = g_file_new_for_commandline_arg (flow_file);
  return mdg_flow_new_from_file (file, error);
}

/* The city-wide view's options: the central database instead of --db, and one center. */
static char *pg_conninfo = NULL;
static char *pg_file = NULL;
static char *city_center = NULL;

#define CITY_OPTIONS                                                                        \
  { "pg", 0, 0, G_OPTION_ARG_STRING, &pg_conninfo,                                          \
    "Every center's inquiries from the central database (no password here)", "CONNINFO" },  \
  { "pg-file", 0, 0, G_OPTION_ARG_FILENAME, &pg_file,                                       \
    "The same, from a file of mode 0600 that may hold a password", "FILE" },                \
  { "center", 0, 0, G_OPTION_ARG_STRING, &city_center, "With --pg: only this center", "ID" }

static gboolean
city_wanted (GError **error)
{
  if (pg_conninfo == NULL && pg_file == NULL)
    {
      if (city_center == NULL)
        return FALSE;
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "--center needs the central database: add --pg or --pg-file");
      return FALSE;
    }
  if (db_path != NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "give either --db (this kiosk) or --pg (the city), not both");
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
city_read (const MdgAdminCity *city,
           const char         *from,
           const char         *to,
           GError            **error)
{
  return city->read (pg_conninfo, pg_file, from, to, city_center, error);
}

static gboolean
city_list (MdgFlow    *flow,
           const char *day,
           const char *language,
           GError    **error)
{
  const MdgAdminCity *module = mdg_admin_city_load (error);
  g_autoptr (GPtrArray) found = module != NULL ? city_read (module, day, day, error) : NULL;
  g_autoptr (MdgAdminList) list = NULL;

  if (found == NULL)
    return FALSE;
  list = mdg_admin_list_new (flow, language, TRUE);
  for (guint i = 0; i < found->len; i++)
    {
      MdgCityRow *city = g_ptr_array_index (found, i);

      mdg_admin_list_add_at (list, city->center, city->inquiry);
    }
  mdg_admin_list_print (list, day);
  return TRUE;
}

static gboolean
city_export (MdgFlow    *flow,
             const char *from,
             const char *to,
             const char *language,
             const char *output,
             GError    **error)
{
  const MdgAdminCity *module = mdg_admin_city_load (error);
  g_autoptr (GPtrArray) found = module != NULL ? city_read (module, from, to, error) : NULL;
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *temp = NULL;
  int fd = -1;

  if (found == NULL)
    return FALSE;
  if (output == NULL)
    {
      out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      return module->export (found, flow, language, out, error);
    }
  temp = mdg_file_open_temp (output, &fd, error);
  if (temp == NULL)
    return FALSE;
  out = g_unix_output_stream_new (fd, TRUE);
  if (!module->export (found, flow, language, out, error)
      || !g_output_stream_close (out, NULL, &local))
    {
      if (local != NULL)
        g_set_error (error, MDG_ERROR, MDG_ERROR_IO, "%s: the CSV could not be written: %s",
                     output, local->message);
      g_unlink (temp);
      return FALSE;
    }
  return mdg_file_commit_temp (temp, output, error);
}

static gboolean
list_run (int argc, char **argv, GError **error)
{
  g_autofree char *day = NULL;
  g_autofree char *language = g_strdup ("ja");
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &day, "The day to list", "YYYY-MM-DD" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, "Language of the answers: ja (default), ja-easy or en", "LANG" },
    CITY_OPTIONS,
    { NULL },
  };
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgFlow) flow = NULL;
  g_autoptr (MdgAdminList) list = NULL;
  const char *shown[3] = { NULL };
  guint n_shown = 0;

  if (!parse ("--date YYYY-MM-DD", entries, &argc, &argv, 0, error)
      || !check_day ("list --date", day, error) || !check_language (language, error))
    return FALSE;
  flow = kiosk_flow (error);
  if (flow == NULL)
    return FALSE;
  if (city_wanted (error))
    return city_list (flow, day, language, error);
  if (*error != NULL)
    return FALSE;
  store = open_store_read_only (error);
  if (store == NULL)
    return FALSE;
  /* The table shows two answers, so the others are not read; and each inquiry becomes its row
   * as it is read, so a day is never held whole. */
  shown[n_shown] = mdg_flow_get_role_id (flow, MDG_ROLE_WHO);
  n_shown += shown[n_shown] != NULL;
  shown[n_shown] = mdg_flow_get_role_id (flow, MDG_ROLE_PURPOSE);
  list = mdg_admin_list_new (flow, language, FALSE);
  if (!mdg_store_foreach_in_day (store, day, shown, mdg_admin_list_add_inquiry, list, error))
    return FALSE;
  mdg_admin_list_print (list, day);
  return TRUE;
}

static gboolean
export_run (int argc, char **argv, GError **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  g_autofree char *language = g_strdup ("ja");
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &from, "The (first) day to export", "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "The last day to export (default: --date)", "YYYY-MM-DD" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the CSV to FILE (default: standard output)", "FILE" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, "Language of the headers and answers: ja (default), ja-easy or en", "LANG" },
    CITY_OPTIONS,
    { NULL },
  };
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgFlow) flow = NULL;
  g_autoptr (GOutputStream) out = NULL;

  if (!parse ("--date YYYY-MM-DD [--to YYYY-MM-DD] [--output FILE] [--language ja|ja-easy|en]", entries,
              &argc, &argv, 0, error)
      || !check_day ("export --date", from, error)
      || (to != NULL && !check_day ("export --to", to, error)) || !check_language (language, error))
    return FALSE;
  flow = kiosk_flow (error);
  if (flow == NULL)
    return FALSE;
  if (city_wanted (error))
    return city_export (flow, from, to != NULL ? to : from, language, output, error);
  if (*error != NULL)
    return FALSE;
  store = open_store_read_only (error);
  if (store == NULL)
    return FALSE;
  if (output != NULL)
    return mdg_csv_export_days_to_file (store, flow, from, to != NULL ? to : from, language, output,
                                        error);
  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  return mdg_csv_export_days (store, flow, from, to != NULL ? to : from, language, out, error);
}

static gboolean
check_run (int argc, char **argv, GError **error)
{
  g_autoptr (MdgStore) store = NULL;

  if (!parse ("", NULL, &argc, &argv, 0, error))
    return FALSE;
  store = open_store_as_it_is (error);
  if (store == NULL || !mdg_store_check (store, error))
    return FALSE;
  g_print ("%s: ok\n", mdg_store_get_path (store));
  return TRUE;
}

/* Reads the PIN from standard input, so it never shows in the process list or the history. */
static gboolean
set_pin_run (int argc, char **argv, GError **error)
{
  g_autoptr (MdgStore) store = NULL;
  g_autofree char *path = NULL;
  char line[64] = "";
  size_t length;
  gboolean nul = FALSE;
  int c = 0;

  if (!parse ("", NULL, &argc, &argv, 0, error))
    return FALSE;
  /* Read byte by byte up to the newline, so that a NUL inside cannot cut the PIN short. */
  for (length = 0; length + 1 < sizeof line; length++)
    {
      c = getc (stdin);
      if (c == EOF || c == '\n')
        break;
      line[length] = c;
      nul |= c == '\0';
    }
  if (length > 0 && line[length - 1] == '\r')
    length--;
  line[length] = '\0';
  if (length == 0 && c == EOF)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "no PIN on standard input (e.g. “madoguchi-admin set-pin < file”)");
      return FALSE;
    }
  /* Unlike the other commands, this one may create the file: staff set the PIN before the
   * kiosk's first day. */
  path = db_path != NULL ? g_strdup (db_path) : mdg_store_default_path ();
  if (nul || !mdg_pin_is_valid (line))
    {
      explicit_bzero (line, sizeof line);
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "the PIN must be %d to %d digits (0–9), nothing else%s", MDG_PIN_MIN_DIGITS,
                   MDG_PIN_MAX_DIGITS, nul ? " (it holds a NUL byte)" : "");
      return FALSE;
    }
  /* A --db in a folder that does not exist is more likely a typo than a new kiosk. */
  if (db_path != NULL && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          explicit_bzero (line, sizeof line);
          g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "%s: no such folder for the database",
                       dir);
          return FALSE;
        }
    }
  store = mdg_store_open (path, error);
  if (store == NULL || !mdg_pin_set (store, line, error))
    {
      explicit_bzero (line, sizeof line);
      return FALSE;
    }
  explicit_bzero (line, sizeof line);
  g_print ("%s: the staff PIN is set\n", mdg_store_get_path (store));
  return TRUE;
}

static gboolean
backup_run (int argc, char **argv, GError **error)
{
  g_autoptr (MdgStore) store = NULL;

  if (!parse ("FILE", NULL, &argc, &argv, 1, error))
    return FALSE;
  store = open_store_as_it_is (error);
  if (store == NULL || !mdg_store_backup (store, argv[2], error))
    return FALSE;
  g_print ("%s: backed up to %s\n", mdg_store_get_path (store), argv[2]);
  return TRUE;
}

static gboolean
purge_run (int argc, char **argv, GError **error)
{
  int days = -1;
  const GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &days,
      "Keep contact details this many days (default: the contact-retention-days setting, else 365)", "N" },
    { NULL },
  };
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  guint erased = 0;

  if (!parse ("[--days N]", entries, &argc, &argv, 0, error))
    return FALSE;
  if (days == -1)
    {
      g_autoptr (GSettings) settings = kiosk_settings ();

      days = settings != NULL ? (int) g_settings_get_uint (settings, "contact-retention-days")
                              : MDG_STORE_DEFAULT_RETENTION_DAYS;
    }
  if (days < 1 || days > 3650)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "--days must be between 1 and 3650, not %d", days);
      return FALSE;
    }
  store = open_store (error);
  if (store == NULL || !mdg_store_purge (store, days, now, &erased, error))
    return FALSE;
  g_print ("%u contact %s older than %d %s erased\n", erased, erased == 1 ? "record" : "records",
           days, days == 1 ? "day" : "days");
  return TRUE;
}

static gboolean
slip_run (int argc, char **argv, GError **error)
{
  g_autofree char *pdf = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *paper_name = NULL;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, "Write the slip to this PDF file", "FILE" },
    { "print", 0, 0, G_OPTION_ARG_STRING, &queue, "Print the slip on this CUPS queue", "QUEUE" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name,
      "80mm, a6 or a4 (default: the slip-paper setting)", "PAPER" },
    { NULL },
  };
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (MdgFlow) flow = NULL;
  g_autofree char *url_template = NULL;
  const MdgAdminSlip *module = NULL;
  int paper;

  if (!parse ("NUMBER --pdf FILE|--print QUEUE [--paper 80mm|a6|a4]", entries, &argc, &argv, 1,
              error))
    return FALSE;
  if ((pdf == NULL || *pdf == '\0') == (queue == NULL || *queue == '\0'))
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "slip needs either --pdf FILE (where to write the slip) "
                           "or --print QUEUE (the printer)");
      return FALSE;
    }
  module = mdg_admin_slip_load (error);
  if (module == NULL)
    return FALSE;
  if (paper_name != NULL && !module->paper_from_string (paper_name, &paper))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "unknown paper “%s”: use 80mm, a6 or a4", paper_name);
      return FALSE;
    }
  settings = kiosk_settings ();
  if (settings == NULL)
    {
      /* The slip carries the center's name and the follow-up address: no defaults for those. */
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   "the settings schema %s is not installed", APP_ID);
      return FALSE;
    }
  if (paper_name == NULL)
    paper = g_settings_get_enum (settings, "slip-paper");
  /* A slip without its QR code is of little use: have the setting fixed first. */
  url_template = g_settings_get_string (settings, "followup-url");
  if (!mdg_followup_check_template (url_template, error))
    return FALSE;
  /* Printing marks the slip printed; writing a PDF only reads. */
  store = queue != NULL ? open_store (error) : open_store_read_only (error);
  if (store == NULL)
    return FALSE;
  mdg_store_set_followup_url (store, url_template);
  inquiry = mdg_store_lookup (store, argv[2], error);
  if (inquiry == NULL)
    return FALSE;
  flow = kiosk_flow (error);
  if (flow == NULL)
    return FALSE;
  return module->output (store, inquiry, flow, settings, paper, queue != NULL ? NULL : pdf, queue,
                         error);
}

/* The words staff type, mapped onto the store's statuses. */
static const char *
status_from_word (const char *word)
{
  static const char *words[][2] = {
    { "new", "new" }, { "working", "in-progress" }, { "connected", "connected" }, { "done", "closed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (word, words[i][0]) == 0)
      return words[i][1];
  return NULL;
}

static gboolean
status_run (int argc, char **argv, GError **error)
{
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  const char *status;

  if (!parse ("NUMBER new|working|connected|done", NULL, &argc, &argv, 2, error))
    return FALSE;
  status = status_from_word (argv[3]);
  if (status == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a status: use new, working, connected or done", argv[3]);
      return FALSE;
    }
  store = open_store (error);
  if (store == NULL)
    return FALSE;
  inquiry = mdg_store_lookup (store, argv[2], error);
  if (inquiry == NULL || !mdg_desk_store_set_status (store, inquiry, status, error))
    return FALSE;
  g_print ("%s: %s\n", mdg_inquiry_get_number (inquiry), argv[3]);
  return TRUE;
}

static gboolean
reply_run (int argc, char **argv, GError **error)
{
  g_autofree char *message = NULL;
  const GOptionEntry entries[] = {
    { "message", 0, 0, G_OPTION_ARG_STRING, &message,
      "The message to the visitor, shown on the follow-up page", "TEXT" },
    { NULL },
  };
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;

  if (!parse ("NUMBER --message TEXT", entries, &argc, &argv, 1, error))
    return FALSE;
  if (message == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "reply needs --message TEXT: what the visitor should read");
      return FALSE;
    }
  store = open_store (error);
  if (store == NULL)
    return FALSE;
  inquiry = mdg_store_lookup (store, argv[2], error);
  if (inquiry == NULL
      || !mdg_desk_store_add_message (store, inquiry, mdg_inquiry_get_coordinator (inquiry), message,
                                error))
    return FALSE;
  g_print ("%s: the message is on the follow-up page\n", mdg_inquiry_get_number (inquiry));
  return TRUE;
}

/* orgs import FILE [--skip-bad] | orgs list | orgs export [--output FILE]: the directory. */
static gboolean
orgs_import (MdgStore   *store,
             MdgFlow    *flow,
             const char *path,
             gboolean    skip_bad,
             GError    **error)
{
  g_autoptr (GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) local = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  guint imported = 0;
  gboolean ok;

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "%s", local->message);
      return FALSE;
    }
  ok = mdg_orgs_import (store, flow, data, length, skip_bad, &imported, rejected, error);
  for (guint i = 0; i < rejected->len; i++)
    g_print ("%s: %s\n", path, (const char *) g_ptr_array_index (rejected, i));
  if (!ok)
    return FALSE;
  g_print ("%s: %u %s imported", path, imported, imported == 1 ? "organisation" : "organisations");
  if (rejected->len > 0)
    g_print (", %u %s skipped", rejected->len, rejected->len == 1 ? "row" : "rows");
  g_print ("\n");
  return TRUE;
}

static gboolean
orgs_list (MdgStore   *store,
           MdgFlow    *flow,
           const char *language,
           GError    **error)
{
  g_autoptr (GPtrArray) orgs = mdg_orgs_list (store, FALSE, error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *separator = g_str_equal (language, "en") ? "; " : "、";

  if (orgs == NULL)
    return FALSE;
  g_ptr_array_add (rows, g_strsplit ("ID|NAME|KIND|THEMES|OFFERS|AREA|ACTIVE", "|", -1));
  for (guint i = 0; i < orgs->len; i++)
    {
      MdgOrg *org = g_ptr_array_index (orgs, i);
      char *kinds[] = { org->kind, NULL };
      char **row = g_new0 (char *, 8);

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, org->id);
      row[1] = g_strdup (org->name);
      row[2] = org->kind != NULL ? mdg_orgs_describe (flow, mdg_flow_get_role_id (flow, MDG_ROLE_WHO), kinds, language, separator)
                                 : g_strdup ("-");
      row[3] = mdg_orgs_describe (flow, mdg_flow_get_role_id (flow, MDG_ROLE_THEMES), org->themes, language, separator);
      row[4] = mdg_orgs_describe (flow, mdg_flow_get_role_id (flow, MDG_ROLE_OFFER), org->offers, language, separator);
      row[5] = g_strdup (org->area != NULL ? org->area : "-");
      row[6] = g_strdup (org->active ? "yes" : "no");
      g_ptr_array_add (rows, row);
    }
  mdg_admin_print_table (rows, 7);
  g_print ("%u %s\n", orgs->len, orgs->len == 1 ? "organisation" : "organisations");
  return TRUE;
}

static gboolean
orgs_run (int argc, char **argv, GError **error)
{
  gboolean skip_bad = FALSE;
  g_autofree char *output = NULL;
  g_autofree char *language = g_strdup ("ja");
  const GOptionEntry entries[] = {
    { "skip-bad", 0, 0, G_OPTION_ARG_NONE, &skip_bad,
      "import: import the valid rows and list the rejected ones", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "export: write the CSV to FILE (default: standard output)", "FILE" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      "Language of the labels: ja (default), ja-easy or en", "LANG" },
    { NULL },
  };
  const char *usage = "import FILE [--skip-bad] | list | export [--output FILE]";
  const char *what = argc > 2 ? argv[2] : "";
  gboolean import = g_str_equal (what, "import");
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgFlow) flow = NULL;
  g_autoptr (GOutputStream) out = NULL;

  if (!import && !g_str_equal (what, "list") && !g_str_equal (what, "export"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "usage: madoguchi-admin orgs %s",
                   usage);
      return FALSE;
    }
  if (!parse (usage, entries, &argc, &argv, import ? 2 : 1, error)
      || !check_language (language, error))
    return FALSE;
  if ((skip_bad && !import) || (output != NULL && !g_str_equal (what, "export")))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT, "%s is not an option of orgs %s",
                   skip_bad ? "--skip-bad" : "--output", what);
      return FALSE;
    }
  flow = kiosk_flow (error);
  if (flow == NULL)
    return FALSE;
  store = open_store (error);
  if (store == NULL)
    return FALSE;
  if (import)
    return orgs_import (store, flow, argv[3], skip_bad, error);
  if (g_str_equal (what, "list"))
    return orgs_list (store, flow, language, error);
  if (output != NULL)
    return mdg_orgs_export_to_file (store, flow, language, output, error);
  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  return mdg_orgs_export (store, flow, language, out, error);
}

/* introduce NUMBER --org ID|NAME [--state S] [--date YYYY-MM-DD]: records an approach or moves
 * it on, dated in the inquiry's history. */
static gboolean
introduce_run (int argc, char **argv, GError **error)
{
  g_autofree char *org_name = NULL;
  g_autofree char *state = NULL;
  g_autofree char *day = NULL;
  const GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &org_name, "The organisation (its ID or name)", "ID|NAME" },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state,
      "approached (default for a new one), talks, joined or declined", "STATE" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &day, "When it happened (default: now)", "YYYY-MM-DD" },
    { NULL },
  };
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (MdgOrg) org = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  gint64 at = g_date_time_to_unix (now);
  gboolean changed = FALSE;

  if (!parse ("NUMBER --org ID|NAME [--state S] [--date YYYY-MM-DD]", entries, &argc, &argv, 1,
              error))
    return FALSE;
  if (org_name == NULL || *org_name == '\0')
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "introduce needs --org ID|NAME: the organisation approached");
      return FALSE;
    }
  if (state != NULL && !mdg_introduction_state_is_valid (state))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "--state must be approached, talks, joined or declined, not “%s”", state);
      return FALSE;
    }
  if (day != NULL)
    {
      g_autoptr (GDateTime) noon = NULL;
      int y = 0, m = 0, d = 0;

      if (!check_day ("introduce --date", day, error))
        return FALSE;
      sscanf (day, "%4d-%2d-%2d", &y, &m, &d);
      noon = g_date_time_new_local (y, m, d, 12, 0, 0);
      at = g_date_time_to_unix (noon);
    }
  store = open_store (error);
  if (store == NULL)
    return FALSE;
  inquiry = mdg_store_lookup (store, argv[2], error);
  if (inquiry == NULL)
    return FALSE;
  org = mdg_orgs_lookup (store, org_name, error);
  if (org == NULL || !mdg_introduction_set (store, inquiry, org, state, at, &changed, error))
    return FALSE;
  g_print ("%s: %s %s\n", mdg_inquiry_get_number (inquiry), org->name,
           changed ? mdg_introduction_state_label (state != NULL ? state : "approached", "en")
                   : "unchanged");
  return TRUE;
}

/* suggest NUMBER [--area AREA]: the active organisations not yet approached, best fit first. */
static gboolean
suggest_run (int argc, char **argv, GError **error)
{
  g_autofree char *area = NULL;
  g_autofree char *language = g_strdup ("ja");
  const GOptionEntry entries[] = {
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, "The inquiry's ward or area", "AREA" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      "Language of the reasons: ja (default), ja-easy or en", "LANG" },
    { NULL },
  };
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgFlow) flow = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (GPtrArray) suggestions = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (!parse ("NUMBER [--area AREA] [--language ja|ja-easy|en]", entries, &argc, &argv, 1, error)
      || !check_language (language, error))
    return FALSE;
  flow = kiosk_flow (error);
  if (flow == NULL)
    return FALSE;
  store = open_store (error);
  if (store == NULL)
    return FALSE;
  inquiry = mdg_store_lookup (store, argv[2], error);
  if (inquiry == NULL)
    return FALSE;
  suggestions = mdg_introduction_suggest (store, flow, inquiry, area, language, error);
  if (suggestions == NULL)
    return FALSE;
  g_ptr_array_add (rows, g_strsplit ("SCORE|ID|NAME|REASON", "|", -1));
  for (guint i = 0; i < suggestions->len; i++)
    {
      MdgSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      char **row = g_new0 (char *, 5);

      row[0] = g_strdup_printf ("%u", suggestion->score);
      row[1] = g_strdup_printf ("%" G_GINT64_FORMAT, suggestion->org->id);
      row[2] = g_strdup (suggestion->org->name);
      row[3] = g_strdup (suggestion->reason);
      g_ptr_array_add (rows, row);
    }
  mdg_admin_print_table (rows, 4);
  g_print ("%u %s for %s\n", suggestions->len,
           suggestions->len == 1 ? "suggestion" : "suggestions", mdg_inquiry_get_number (inquiry));
  return TRUE;
}

/* Creates the kiosk's database (and its folder) before the first start, or checks one there. */
static gboolean
init_run (int argc, char **argv, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (MdgStore) store = NULL;

  if (!parse ("", NULL, &argc, &argv, 0, error))
    return FALSE;
  path = db_path != NULL ? g_strdup (db_path) : mdg_store_default_path ();
  store = mdg_store_open (path, error);
  if (store == NULL)
    return FALSE;
  g_print ("%s: ready (schema %d)\n", mdg_store_get_path (store), MDG_STORE_SCHEMA_VERSION);
  return TRUE;
}

/* One line per item on standard output; exit 1 when any needs attention, for monitoring. */
static gboolean
health_run (int argc, char **argv, GError **error)
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GString) report = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *printer = NULL;
  g_autofree char *center = NULL;
  g_autofree char *helper = mdg_print_helper_path ();
  MdgHealthConfig config = { 0 };
  gboolean ok;

  if (!parse ("", NULL, &argc, &argv, 0, error))
    return FALSE;
  path = db_path != NULL ? g_strdup (db_path) : mdg_store_default_path ();
  settings = kiosk_settings ();
  if (settings != NULL)
    {
      g_object_get (settings, "settings-schema", &schema, NULL);
      printer = g_settings_get_string (settings, "printer-name");
      /* Syncing is set up once the center has its id (the sync helper's setting). */
      if (g_settings_schema_has_key (schema, "center-id"))
        center = g_settings_get_string (settings, "center-id");
    }
  config.db_path = path;
  config.printer_name = printer;
  config.print_helper = helper;
  config.print_deadline = 10;
  config.sync_configured = center != NULL && *center != '\0';
  config.min_free_bytes = MDG_HEALTH_MIN_FREE_BYTES;
  config.now = now;
  ok = mdg_health_report (&config, report);
  g_print ("%s", report->str);
  if (!ok)
    g_set_error (error, MDG_ERROR, MDG_ERROR_IO, "needs attention (the lines marked ATTENTION)");
  return ok;
}

/* The period from exactly one of --week, --month and --fy. */
static gboolean
figures_period (const char *week,
                const char *month,
                const char *fiscal_year,
                MdgPeriod  *period,
                GError    **error)
{
  const char *given[] = { week, month, fiscal_year };
  static const char *options[] = { "--week", "--month", "--fy" };
  static const MdgPeriodKind kinds[] = { MDG_PERIOD_WEEK, MDG_PERIOD_MONTH, MDG_PERIOD_FISCAL_YEAR };
  int chosen = -1;

  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    if (given[i] != NULL)
      {
        if (chosen >= 0)
          {
            g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                         "give one period: %s or %s, not both", options[chosen], options[i]);
            return FALSE;
          }
        chosen = i;
      }
  if (chosen < 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "give a period: --week YYYY-MM-DD, --month YYYY-MM or --fy YYYY");
      return FALSE;
    }
  if (mdg_period_parse (kinds[chosen], given[chosen], period, error))
    return TRUE;
  g_prefix_error (error, "%s: ", options[chosen]);
  return FALSE;
}

static gboolean
figures_run (int argc, char **argv, GError **error)
{
  g_autofree char *week = NULL;
  g_autofree char *month = NULL;
  g_autofree char *fiscal_year = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *language = g_strdup ("ja");
  const GOptionEntry entries[] = {
    { "week", 0, 0, G_OPTION_ARG_STRING, &week, "The week (Monday to Sunday) that holds DAY", "YYYY-MM-DD" },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, "One month", "YYYY-MM" },
    { "fy", 0, 0, G_OPTION_ARG_STRING, &fiscal_year, "The fiscal year from April 1 of YYYY to March 31", "YYYY" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "Write the figures per week as CSV to FILE", "FILE" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, "Language of the labels: ja (default), ja-easy or en", "LANG" },
    { NULL },
  };
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgFlow) flow = NULL;
  g_autoptr (MdgFigures) figures = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *label = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  MdgPeriod period;

  if (!parse ("--week YYYY-MM-DD | --month YYYY-MM | --fy YYYY [--csv FILE]", entries, &argc,
              &argv, 0, error)
      || !figures_period (week, month, fiscal_year, &period, error)
      || !check_language (language, error))
    return FALSE;
  flow = kiosk_flow (error);
  store = flow != NULL ? open_store_read_only (error) : NULL;
  figures = store != NULL ? mdg_figures_count (store, flow, &period, language, error) : NULL;
  if (figures == NULL)
    return FALSE;
  if (csv != NULL)
    return mdg_figures_write_csv_file (figures, store, csv, error);

  label = mdg_period_format_label (&period, language);
  first = mdg_period_format_day (&period.first);
  last = mdg_period_format_day (&period.last);
  g_print ("%s (%s – %s, %u %s)\n", label, first, last, figures->weeks->len,
           figures->weeks->len == 1 ? "week" : "weeks");
  g_ptr_array_add (rows, g_strsplit ("FIGURE|ITEM|TOTAL", "|", -1));
  for (guint i = 0; i < figures->rows->len; i++)
    {
      const MdgFiguresRow *line = g_ptr_array_index (figures->rows, i);
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup (mdg_figures_figure_title (line->figure, language));
      row[1] = g_strdup (line->item != NULL ? line->label : "-");
      row[2] = g_strdup_printf ("%u", line->total);
      g_ptr_array_add (rows, row);
    }
  mdg_admin_print_table (rows, 3);
  return TRUE;
}

static const Command commands[] = {
  { "list", "--date YYYY-MM-DD [--pg CONNINFO]", "List one day's inquiries as a table", list_run },
  { "export", "--date DAY [--to DAY] [--output FILE] [--pg CONNINFO]", "Export inquiries as CSV", export_run },
  { "check", "", "Check the database's integrity", check_run },
  { "set-pin", "", "Set the staff desk's PIN (6 to 12 digits, read from standard input)", set_pin_run },
  { "backup", "FILE", "Copy the database while the kiosk runs", backup_run },
  { "purge", "[--days N]", "Erase contact details older than the retention period", purge_run },
  { "slip", "NUMBER --pdf FILE|--print QUEUE [--paper 80mm|a6|a4]",
    "Write a visitor's slip as PDF, or print it", slip_run },
  { "status", "NUMBER new|working|connected|done", "Change an inquiry's status", status_run },
  { "reply", "NUMBER --message TEXT", "Write a message to the visitor's follow-up page", reply_run },
  { "init", "", "Create the kiosk's database before its first start", init_run },
  { "health", "", "Database, today's inquiries, printer, last sync, disk space", health_run },
  { "orgs", "import FILE [--skip-bad] | list | export [-o FILE]", "The organisations directory",
    orgs_run },
  { "introduce", "NUMBER --org ID|NAME [--state S]", "Record an introduction (つなぎ先) or its state",
    introduce_run },
  { "suggest", "NUMBER [--area AREA]", "Organisations that fit an inquiry, best first",
    suggest_run },
  { "figures", "--week DAY | --month YYYY-MM | --fy YYYY [--csv FILE]",
    "The figures for the city: inquiries, introductions, closings", figures_run },
};

static void
print_help (FILE *out)
{
  fprintf (out, "Usage: madoguchi-admin COMMAND [--db PATH] [OPTION…]\n\n"
                "The staff's command line for the Madoguchi inquiry database.\n\n"
                "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %-40s %s\n", commands[i].name, commands[i].usage, commands[i].summary);
  fprintf (out, "\nEvery command takes --db PATH (default: $XDG_DATA_HOME/madoguchi/inquiries.db).\n"
                "Run “madoguchi-admin COMMAND --help” for a command's options.\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;

  mdg_i18n_init ();
  if (argc < 2)
    {
      g_printerr ("madoguchi-admin: no command given; see madoguchi-admin --help\n");
      return 1;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_help (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("madoguchi-admin %s\n", VERSION);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        if (commands[i].run (argc, argv, &error))
          {
            /* Output that never arrived (a full disk, a closed pipe) is a failure too. */
            if (fflush (stdout) == 0 && !ferror (stdout))
              return 0;
            g_printerr ("madoguchi-admin %s: the output could not be written: %s\n",
                        commands[i].name, g_strerror (errno));
            return 1;
          }
        /* One line, whatever the message holds. */
        g_printerr ("madoguchi-admin %s: %s\n", commands[i].name,
                    g_strdelimit (error->message, "\r\n", ' '));
        return 1;
      }
  g_printerr ("madoguchi-admin: unknown command “%s”; see madoguchi-admin --help\n", argv[1]);
  return 1;
}
