/* admin.c: madoguchi-admin, the staff's command line over the inquiry store. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "mdg-error.h"
#include "mdg-i18n.h"
#include "mdg-pin.h"
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

/* Reads the PIN from standard input, so it never shows in the process list or the history. */
static gboolean
set_pin_run (int argc, char **argv, GError **error)
{
  g_autoptr (MdgStore) store = NULL;
  g_autofree char *path = NULL;
  char line[64] = "";
  size_t length;

  if (!parse ("", NULL, &argc, &argv, 0, error))
    return FALSE;
  if (fgets (line, sizeof line, stdin) == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "no PIN on standard input (e.g. “madoguchi-admin set-pin < file”)");
      return FALSE;
    }
  length = strcspn (line, "\r\n");
  line[length] = '\0';
  /* Unlike the other commands, this one may create the file: staff set the PIN before the
   * kiosk's first day. */
  path = db_path != NULL ? g_strdup (db_path) : mdg_store_default_path ();
  if (!mdg_pin_is_valid (line))
    {
      explicit_bzero (line, sizeof line);
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "the PIN must be %d to %d digits (0–9), nothing else", MDG_PIN_MIN_DIGITS,
                   MDG_PIN_MAX_DIGITS);
      return FALSE;
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

static const Command commands[] = {
  { "list", "--date YYYY-MM-DD", "List one day's inquiries as a table", list_run },
  { "check", "", "Check the database's integrity", check_run },
  { "set-pin", "", "Set the staff desk's PIN (6 to 12 digits, read from standard input)", set_pin_run },
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
