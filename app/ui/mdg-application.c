/* mdg-application.c: the kiosk application: settings, flow and store for every window. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <signal.h>

#include "mdg-application.h"
#include "mdg-followup.h"
#include "mdg-i18n.h"
#include "mdg-resources.h"
#include "mdg-restart-time.h"
#include "mdg-settings.h"
#include "mdg-store-maintenance.h"
#include "mdg-watchdog.h"
#include "mdg-window.h"

struct _MdgApplication
{
  GtkApplication parent_instance;

  GSettings *settings;
  MdgFlow *flow;
  MdgStore *store;
  char *db_path;
  char *language;       /* the one current language: the window, visit and desk bind to it */
  char *start_language; /* --language: the language each new visitor is greeted in */
  gboolean windowed;
  GPtrArray *problems; /* staff-facing sentences: why inquiries cannot be taken, or what is off */
  gboolean flow_ok;
  gboolean store_ok;
  guint purge_id;      /* the daily erasing of expired contact details */
  guint check_id;      /* the next full check of the store, when the kiosk is idle */
  GCancellable *checking;
  guint term_id;       /* SIGTERM and SIGINT: quit normally */
  guint int_id;
  MdgWatchdog *watchdog;
  int exit_status;     /* MDG_EXIT_RESTART after the daily restart, else 0 */
};

G_DEFINE_FINAL_TYPE (MdgApplication, mdg_application, GTK_TYPE_APPLICATION)

enum { PROP_0, PROP_DATABASE, PROP_LANGUAGE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { STORE_FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The whole file is read once the kiosk has been up a while, then daily, and only while no
 * visitor is in the middle of a visit; opening checked only what is cheap. */
#define CHECK_FIRST_SECONDS (10 * 60)
#define CHECK_RETRY_SECONDS 60
#define CHECK_EVERY_SECONDS (24 * 60 * 60)
#define PURGE_FIRST_SECONDS 30

static const GOptionEntry options[] = {
  { "windowed", 'w', 0, G_OPTION_ARG_NONE, NULL, N_("Run in a window instead of fullscreen"), NULL },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The inquiry database (default: $XDG_DATA_HOME/madoguchi/inquiries.db)"), N_("PATH") },
  { "language", 'l', 0, G_OPTION_ARG_STRING, NULL, N_("Start language: ja, ja-easy or en (default: from the environment, else ja)"), N_("LANG") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL },
};

static int
mdg_application_handle_local_options (GApplication *app,
                                      GVariantDict *dict)
{
  MdgApplication *self = MDG_APPLICATION (app);
  const char *language = NULL;
  const char *db = NULL;

  if (g_variant_dict_contains (dict, "version"))
    {
      g_print ("madoguchi %s\n", VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (dict, "language", "&s", &language))
    {
      if (!mdg_i18n_is_supported (language))
        {
          g_autofree char *offered = mdg_i18n_describe_supported ();

          g_printerr ("madoguchi: unknown language “%s”: use %s\n", language, offered);
          return 1;
        }
      g_free (self->start_language);
      self->start_language = g_strdup (language);
    }
  if (g_variant_dict_lookup (dict, "db", "^&ay", &db))
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db);
    }
  self->windowed = g_variant_dict_contains (dict, "windowed");
  return -1;
}

static void
add_problem (MdgApplication *self,
             const char     *message)
{
  g_warning ("%s", message);
  g_ptr_array_add (self->problems, g_strdup (message));
}

static void
load_flow (MdgApplication *self)
{
  g_autofree char *flow_file = g_settings_get_string (self->settings, "flow-file");
  g_autoptr (GError) error = NULL;

  if (*flow_file == '\0')
    self->flow = mdg_flow_new_default (&error);
  else
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (flow_file);
      self->flow = mdg_flow_new_from_file (file, &error);
    }
  self->flow_ok = self->flow != NULL;
  if (!self->flow_ok)
    add_problem (self, error->message);
}

static void
open_store (MdgApplication *self)
{
  g_autoptr (GError) error = NULL;

  if (self->db_path == NULL)
    self->db_path = mdg_store_default_path ();
  self->store = mdg_store_open (self->db_path, &error);
  self->store_ok = self->store != NULL;
  if (!self->store_ok)
    add_problem (self, error->message);
}

static gboolean is_idle (MdgApplication *self);

/* Erases contact details (and closed inquiries' free text) past contact-retention-days, soon
 * after start and then daily, while no visit is under way: on a large file it reads the whole
 * inquiry table, which the first frame must not wait for. A failure is logged, and the next
 * day's run (or madoguchi-admin purge) tries again, since inquiries themselves are unaffected. */
static gboolean
purge_cb (gpointer user_data)
{
  MdgApplication *self = MDG_APPLICATION (user_data);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;
  guint days = g_settings_get_uint (self->settings, "contact-retention-days");
  guint erased = 0;

  self->purge_id = 0;
  if (!self->store_ok)
    return G_SOURCE_REMOVE;
  if (!is_idle (self))
    {
      self->purge_id = g_timeout_add_seconds (CHECK_RETRY_SECONDS, purge_cb, self);
      return G_SOURCE_REMOVE;
    }
  if (!mdg_store_purge (self->store, days, now, &erased, &error))
    g_warning ("Contact details past %u days not erased: %s", days, error->message);
  else if (erased > 0)
    g_message ("Erased %u contact records older than %u days", erased, days);
  self->purge_id = g_timeout_add_seconds (24 * 60 * 60, purge_cb, self);
  return G_SOURCE_REMOVE;
}

/* The store builds each inquiry's follow-up address from the setting as it is now. */
static void
followup_url_changed_cb (MdgApplication *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "followup-url");

  if (self->store != NULL)
    mdg_store_set_followup_url (self->store, url);
}

static void
check_settings (MdgApplication *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "followup-url");
  g_autoptr (GError) error = NULL;

  g_autoptr (GPtrArray) out_of_range = mdg_settings_check_ranges (self->settings);

  if (!mdg_followup_check_template (url, &error))
    add_problem (self, error->message);
  for (guint i = 0; i < out_of_range->len; i++)
    g_warning ("%s", (char *) g_ptr_array_index (out_of_range, i));
}

static gboolean check_cb (gpointer user_data);

static void
schedule_check (MdgApplication *self,
                guint           seconds)
{
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add_seconds (seconds, check_cb, self);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (MdgApplication) self = user_data;
  g_autoptr (GError) error = NULL;

  if (mdg_store_check_finish (MDG_STORE (source), result, &error))
    {
      schedule_check (self, CHECK_EVERY_SECONDS);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->store_ok)
    return;
  /* Damage found: take no more inquiries into the file, and say why on the staff's page. */
  self->store_ok = FALSE;
  add_problem (self, error->message);
  g_signal_emit (self, signals[STORE_FAILED], 0);
}

/* Whether no visitor is in the middle of a visit: the window shows the welcome page. */
static gboolean
is_idle (MdgApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  MdgVisit *visit = MDG_IS_WINDOW (window) ? mdg_window_get_visit (MDG_WINDOW (window)) : NULL;

  return visit == NULL || mdg_step_get_kind (mdg_visit_get_step (visit)) == MDG_STEP_WELCOME;
}

static gboolean
check_cb (gpointer user_data)
{
  MdgApplication *self = MDG_APPLICATION (user_data);

  self->check_id = 0;
  if (!is_idle (self))
    schedule_check (self, CHECK_RETRY_SECONDS);
  else
    mdg_application_check_store (self);
  return G_SOURCE_REMOVE;
}

/* Runs the full check of the store now, in the background; if it finds damage the kiosk stops
 * taking inquiries and its windows show the staff's problem page (the store-failed signal). */
void
mdg_application_check_store (MdgApplication *self)
{
  g_return_if_fail (MDG_IS_APPLICATION (self));

  if (!self->store_ok)
    return;
  g_clear_handle_id (&self->check_id, g_source_remove);
  mdg_store_check_async (self->store, self->checking, check_done_cb, g_object_ref (self));
}

/* SIGTERM (a service manager stopping the kiosk) and SIGINT quit normally, closing the store. */
static gboolean
quit_on_signal (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
mdg_application_startup (GApplication *app)
{
  MdgApplication *self = MDG_APPLICATION (app);
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (mdg_application_parent_class)->startup (app);

  if (self->start_language == NULL)
    self->start_language = g_strdup (mdg_i18n_default_language ());
  self->language = g_strdup (self->start_language);
  mdg_i18n_set_language (self->language);

  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PREFIX "/icons");

  self->term_id = g_unix_signal_add (SIGTERM, quit_on_signal, self);
  self->int_id = g_unix_signal_add (SIGINT, quit_on_signal, self);
  self->settings = g_settings_new (APP_ID);
  load_flow (self);
  open_store (self);
  check_settings (self);
  followup_url_changed_cb (self);
  g_signal_connect_object (self->settings, "changed::followup-url",
                           G_CALLBACK (followup_url_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->store_ok)
    {
      self->purge_id = g_timeout_add_seconds (PURGE_FIRST_SECONDS, purge_cb, self);
      schedule_check (self, CHECK_FIRST_SECONDS);
    }
}

static gboolean
refuse_close_cb (GtkWindow *window)
{
  return TRUE;
}

static void
mdg_application_activate (GApplication *app)
{
  MdgApplication *self = MDG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (mdg_window_new (self));
      if (!self->windowed)
        {
          gtk_window_fullscreen (window);
          /* A visitor cannot close the kiosk; only SIGTERM (systemd) ends it. */
          gtk_window_set_deletable (window, FALSE);
          g_signal_connect (window, "close-request", G_CALLBACK (refuse_close_cb), NULL);
        }
    }
  gtk_window_present (window);
}

/* A normal quit closes the database, so its log is folded back and no -wal or -shm is left,
 * even while a window or a printer job still holds the store. */
static void
mdg_application_shutdown (GApplication *app)
{
  MdgApplication *self = MDG_APPLICATION (app);

  g_clear_handle_id (&self->purge_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->checking);
  g_clear_handle_id (&self->term_id, g_source_remove);
  g_clear_handle_id (&self->int_id, g_source_remove);
  if (self->store != NULL)
    mdg_store_close (self->store);
  G_APPLICATION_CLASS (mdg_application_parent_class)->shutdown (app);
}

/* The daily restart: a normal quit (the store closed), with the status the service restarts. */
void
mdg_application_restart (MdgApplication *self)
{
  g_return_if_fail (MDG_IS_APPLICATION (self));

  g_message ("Restarting at the quiet hour (restart-time)");
  self->exit_status = MDG_EXIT_RESTART;
  g_application_quit (G_APPLICATION (self));
}

int
mdg_application_get_exit_status (MdgApplication *self)
{
  g_return_val_if_fail (MDG_IS_APPLICATION (self), 0);
  return self->exit_status;
}

static void
mdg_application_finalize (GObject *object)
{
  MdgApplication *self = MDG_APPLICATION (object);

  g_clear_handle_id (&self->purge_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_object (&self->checking);
  g_clear_handle_id (&self->term_id, g_source_remove);
  g_clear_handle_id (&self->int_id, g_source_remove);
  g_clear_object (&self->watchdog);
  g_clear_object (&self->settings);
  g_clear_object (&self->flow);
  g_clear_object (&self->store);
  g_free (self->db_path);
  g_free (self->language);
  g_free (self->start_language);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  G_OBJECT_CLASS (mdg_application_parent_class)->finalize (object);
}

static void
mdg_application_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgApplication *self = MDG_APPLICATION (object);

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
mdg_application_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdgApplication *self = MDG_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_free (self->db_path);
      self->db_path = g_value_dup_string (value);
      break;
    case PROP_LANGUAGE:
      mdg_application_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_application_class_init (MdgApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* Referenced so the linker keeps the resources (and their constructor) from the static library. */
  g_assert (mdg_get_resource () != NULL);

  object_class->finalize = mdg_application_finalize;
  object_class->get_property = mdg_application_get_property;
  object_class->set_property = mdg_application_set_property;
  app_class->handle_local_options = mdg_application_handle_local_options;
  app_class->startup = mdg_application_startup;
  app_class->activate = mdg_application_activate;
  app_class->shutdown = mdg_application_shutdown;

  /* What --db sets; tests set it directly. */
  properties[PROP_DATABASE] = g_param_spec_string ("database", NULL, NULL, NULL,
                                                   G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  /* The current language; set before start-up it is also the start language, as --language. */
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the background check finds the store damaged: no more inquiries. */
  signals[STORE_FAILED] = g_signal_new ("store-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mdg_application_init (MdgApplication *self)
{
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->checking = g_cancellable_new ();
  self->watchdog = mdg_watchdog_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The front-desk kiosk of a civic collaboration center."));
}

MdgApplication *
mdg_application_new (void)
{
  /* NON_UNIQUE: each kiosk process owns its own database file and window. */
  return g_object_new (MDG_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_NON_UNIQUE, NULL);
}

GSettings *
mdg_application_get_settings (MdgApplication *self)
{
  g_return_val_if_fail (MDG_IS_APPLICATION (self), NULL);
  return self->settings;
}

MdgFlow *
mdg_application_get_flow (MdgApplication *self)
{
  g_return_val_if_fail (MDG_IS_APPLICATION (self), NULL);
  return self->flow;
}

MdgStore *
mdg_application_get_store (MdgApplication *self)
{
  g_return_val_if_fail (MDG_IS_APPLICATION (self), NULL);
  return self->store;
}

const char *
mdg_application_get_language (MdgApplication *self)
{
  g_return_val_if_fail (MDG_IS_APPLICATION (self), NULL);
  return self->language != NULL ? self->language : self->start_language;
}

/* The one place the kiosk's language changes: gettext first, then whoever is bound to it. */
void
mdg_application_set_language (MdgApplication *self,
                              const char     *language)
{
  g_return_if_fail (MDG_IS_APPLICATION (self));
  g_return_if_fail (mdg_i18n_is_supported (language));

  if (self->language == NULL)
    {
      /* Not started yet: this is the language to start in. */
      g_free (self->start_language);
      self->start_language = g_strdup (language);
      return;
    }
  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  mdg_i18n_set_language (language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/* The next visitor is greeted in the kiosk's start language. */
void
mdg_application_reset_language (MdgApplication *self)
{
  g_return_if_fail (MDG_IS_APPLICATION (self));
  mdg_application_set_language (self, self->start_language);
}

GPtrArray *
mdg_application_get_problems (MdgApplication *self)
{
  g_return_val_if_fail (MDG_IS_APPLICATION (self), NULL);
  return self->problems;
}

/* A kiosk with a broken flow or store refuses visitors rather than lose what they say. */
gboolean
mdg_application_can_take_inquiries (MdgApplication *self)
{
  g_return_val_if_fail (MDG_IS_APPLICATION (self), FALSE);
  return self->flow_ok && self->store_ok;
}
