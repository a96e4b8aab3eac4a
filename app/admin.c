/* admin.c: madoguchi-admin, the staff's command line over the inquiry store. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "mdg-error.h"
#include "mdg-followup.h"
#include "mdg-i18n.h"
#include "mdg-slip.h"
#include "mdg-store.h"

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

static MdgStore *
open_store (GError **error)
{
  g_autofree char *path = db_path != NULL ? g_strdup (db_path) : mdg_store_default_path ();

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "%s: no such database", path);
      return NULL;
    }
  return mdg_store_open (path, error);
}

static gboolean
valid_day (const char *day)
{
  int y = 0, m = 0, d = 0;

  return day != NULL && strlen (day) == 10 && sscanf (day, "%4d-%2d-%2d", &y, &m, &d) == 3
         && day[4] == '-' && day[7] == '-' && g_date_valid_dmy (d, m, y);
}

static gboolean
list_run (int argc, char **argv, GError **error)
{
  g_autofree char *day = NULL;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &day, "The day to list", "YYYY-MM-DD" },
    { NULL },
  };
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (GPtrArray) inquiries = NULL;

  if (!parse ("--date YYYY-MM-DD", entries, &argc, &argv, 0, error))
    return FALSE;
  if (!valid_day (day))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "list needs --date YYYY-MM-DD with a real date, not “%s”", day ? day : "");
      return FALSE;
    }
  store = open_store (error);
  if (store == NULL)
    return FALSE;
  inquiries = mdg_store_list_day (store, day, error);
  if (inquiries == NULL)
    return FALSE;

  g_print ("%-12s  %-5s  %-9s  %-12s  %-10s  %s\n", "NUMBER", "TIME", "FOLLOW-UP", "STATUS",
           "LANGUAGE", "PURPOSE");
  for (guint i = 0; i < inquiries->len; i++)
    {
      MdgInquiry *inquiry = g_ptr_array_index (inquiries, i);
      g_autofree char *time = g_date_time_format (mdg_inquiry_get_created (inquiry), "%H:%M");
      const GPtrArray *purpose = mdg_inquiry_get_answer (inquiry, "purpose");

      g_print ("%-12s  %-5s  %-9s  %-12s  %-10s  %s\n", mdg_inquiry_get_number (inquiry), time,
               mdg_inquiry_get_followup (inquiry) ? mdg_inquiry_get_followup (inquiry) : "-",
               mdg_inquiry_get_status (inquiry), mdg_inquiry_get_language (inquiry),
               purpose != NULL && purpose->len > 0 ? (char *) g_ptr_array_index (purpose, 0) : "-");
    }
  g_print ("%u inquiries on %s\n", inquiries->len, day);
  return TRUE;
}

static gboolean
check_run (int argc, char **argv, GError **error)
{
  g_autoptr (MdgStore) store = NULL;

  if (!parse ("", NULL, &argc, &argv, 0, error))
    return FALSE;
  store = open_store (error);
  if (store == NULL)
    return FALSE;
  g_print ("%s: ok\n", mdg_store_get_path (store));
  return TRUE;
}

/* The kiosk's settings; the schema must be installed, or GSettings would abort. */
static GSettings *
open_settings (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   "the settings schema %s is not installed", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static MdgFlow *
open_flow (GSettings *settings,
           GError   **error)
{
  g_autofree char *flow_file = g_settings_get_string (settings, "flow-file");
  g_autoptr (GFile) file = NULL;

  if (*flow_file == '\0')
    return mdg_flow_new_default (error);
  file = g_file_new_for_commandline_arg (flow_file);
  return mdg_flow_new_from_file (file, error);
}

static gboolean
slip_run (int argc, char **argv, GError **error)
{
  g_autofree char *pdf = NULL;
  g_autofree char *paper_name = NULL;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, "Write the slip to this PDF file", "FILE" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name,
      "80mm, a6 or a4 (default: the slip-paper setting)", "PAPER" },
    { NULL },
  };
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (MdgFlow) flow = NULL;
  g_autoptr (MdgSlipData) data = NULL;
  g_autofree char *url_template = NULL;
  MdgSlipPaper paper;

  if (!parse ("NUMBER --pdf FILE [--paper 80mm|a6|a4]", entries, &argc, &argv, 1, error))
    return FALSE;
  if (pdf == NULL || *pdf == '\0')
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "slip needs --pdf FILE: where to write the slip");
      return FALSE;
    }
  if (paper_name != NULL && !mdg_slip_paper_from_string (paper_name, &paper))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "unknown paper “%s”: use 80mm, a6 or a4", paper_name);
      return FALSE;
    }
  settings = open_settings (error);
  if (settings == NULL)
    return FALSE;
  if (paper_name == NULL)
    paper = g_settings_get_enum (settings, "slip-paper");
  /* A slip without its QR code is of little use: have the setting fixed first. */
  url_template = g_settings_get_string (settings, "followup-url");
  if (!mdg_followup_check_template (url_template, error))
    return FALSE;
  store = open_store (error);
  if (store == NULL)
    return FALSE;
  inquiry = mdg_store_lookup (store, argv[2], error);
  if (inquiry == NULL)
    return FALSE;
  flow = open_flow (settings, error);
  if (flow == NULL)
    return FALSE;
  data = mdg_slip_data_new (inquiry, flow, settings);
  if (!mdg_slip_write_pdf (data, paper, pdf, error))
    return FALSE;
  g_print ("%s: the slip for %s\n", pdf, mdg_inquiry_get_number (inquiry));
  return TRUE;
}

static const Command commands[] = {
  { "list", "--date YYYY-MM-DD", "List one day's inquiries as a table", list_run },
  { "check", "", "Check the database's integrity", check_run },
  { "slip", "NUMBER --pdf FILE [--paper 80mm|a6|a4]", "Write a visitor's slip as PDF", slip_run },
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
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      print_help (argc < 2 ? stderr : stdout);
      return argc < 2 ? 1 : 0;
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
          return 0;
        g_printerr ("madoguchi-admin %s: %s\n", commands[i].name, error->message);
        return 1;
      }
  g_printerr ("madoguchi-admin: unknown command “%s”; see madoguchi-admin --help\n", argv[1]);
  return 1;
}
