/* mdg-city-window.c: the staff desk's read-only city-wide day, every center's inquiries read
 * through madoguchi-admin export --pg in another process, so the desk never waits on it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "mdg-city-entry.h"
#include "mdg-city-window.h"
#include "mdg-i18n.h"

struct _MdgCityWindow
{
  GtkWindow parent_instance;

  GtkLabel *day_label;
  GtkLabel *message_label;
  GtkColumnView *view;

  char *conninfo;
  char *day;
  char *admin_program;
  GListStore *rows;
  GtkNoSelection *selection;
  GSubprocess *export;
  GCancellable *cancellable;
  guint deadline_id;
};

G_DEFINE_FINAL_TYPE (MdgCityWindow, mdg_city_window, GTK_TYPE_WINDOW)

static void
say (MdgCityWindow *self,
     const char    *text)
{
  gtk_label_set_text (self->message_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL && *text != '\0');
}

static gboolean
deadline_cb (gpointer data)
{
  MdgCityWindow *self = data;

  self->deadline_id = 0;
  if (self->export != NULL)
    g_subprocess_force_exit (self->export);
  say (self, _("The central database did not answer in time; try again later."));
  return G_SOURCE_REMOVE;
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr (MdgCityWindow) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) loaded = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GSubprocess *export = G_SUBPROCESS (source);
  gboolean timed_out = self->deadline_id == 0;

  g_clear_handle_id (&self->deadline_id, g_source_remove);
  if (!g_subprocess_communicate_utf8_finish (export, result, &out, &err, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, error->message);
    }
  else if (timed_out)
    ; /* The deadline already said so. */
  else if (!g_subprocess_get_if_exited (export) || g_subprocess_get_exit_status (export) != 0)
    {
      /* madoguchi-admin's one line says what went wrong, never the password. */
      g_autofree char *text = g_strdup_printf (_("The city-wide day could not be read: %s"),
                                               err != NULL ? g_strstrip (err) : "");

      say (self, text);
    }
  else if ((loaded = mdg_city_entries_from_csv (out, mdg_i18n_get_language (), &error)) == NULL)
    say (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (
        mdg_i18n_translate_plural_in (mdg_i18n_get_language (), "%u inquiry in the city",
                                      "%u inquiries in the city",
                                      g_list_model_get_n_items (G_LIST_MODEL (loaded))),
        g_list_model_get_n_items (G_LIST_MODEL (loaded)));
      g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (loaded)); i++)
        g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (loaded), i));
      g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                           items->pdata, items->len);
      say (self, text);
    }
  if (self->export == export)
    g_clear_object (&self->export);
}

static void
load (MdgCityWindow *self)
{
  g_autoptr (GError) error = NULL;
  const char *argv[] = { self->admin_program, "export", "--pg", self->conninfo, "--date",
                         self->day, "--language", mdg_i18n_get_language (), NULL };

  if (self->export != NULL)
    return;
  say (self, _("Reading the city-wide day…"));
  self->export = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                            | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (self->export == NULL)
    {
      say (self, error->message);
      return;
    }
  self->deadline_id = g_timeout_add_seconds (MDG_CITY_WINDOW_TIMEOUT_SECONDS, deadline_cb, self);
  g_subprocess_communicate_utf8_async (self->export, NULL, self->cancellable, exported_cb,
                                       g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  load (MDG_CITY_WINDOW (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
mdg_city_window_dispose (GObject *object)
{
  MdgCityWindow *self = MDG_CITY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  if (self->export != NULL)
    g_subprocess_force_exit (self->export);
  g_clear_object (&self->export);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_CITY_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (mdg_city_window_parent_class)->dispose (object);
}

static void
mdg_city_window_finalize (GObject *object)
{
  MdgCityWindow *self = MDG_CITY_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_free (self->conninfo);
  g_free (self->day);
  g_free (self->admin_program);
  G_OBJECT_CLASS (mdg_city_window_parent_class)->finalize (object);
}

static void
mdg_city_window_class_init (MdgCityWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_city_window_dispose;
  object_class->finalize = mdg_city_window_finalize;

  g_type_ensure (MDG_TYPE_CITY_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mdg-city-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgCityWindow, day_label);
  gtk_widget_class_bind_template_child (widget_class, MdgCityWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, MdgCityWindow, view);
  gtk_widget_class_install_action (widget_class, "city.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "city.close", NULL, close_action);
}

static void
mdg_city_window_init (MdgCityWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_list_store_new (MDG_TYPE_CITY_ENTRY);
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
}

/* conninfo holds no password (libpq's PGPASSFILE supplies it); admin_program is the
 * madoguchi-admin to run. Reading starts at once. */
MdgCityWindow *
mdg_city_window_new (const char *conninfo,
                     const char *day,
                     const char *admin_program)
{
  MdgCityWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (conninfo != NULL && day != NULL && admin_program != NULL, NULL);

  self = g_object_new (MDG_TYPE_CITY_WINDOW, NULL);
  self->conninfo = g_strdup (conninfo);
  self->day = g_strdup (day);
  self->admin_program = g_strdup (admin_program);
  title = g_strdup_printf (_("The city on %s"), day);
  gtk_label_set_text (self->day_label, title);
  load (self);
  return self;
}

GListModel *
mdg_city_window_get_rows (MdgCityWindow *self)
{
  g_return_val_if_fail (MDG_IS_CITY_WINDOW (self), NULL);
  return G_LIST_MODEL (self->rows);
}

gboolean
mdg_city_window_is_loading (MdgCityWindow *self)
{
  g_return_val_if_fail (MDG_IS_CITY_WINDOW (self), FALSE);
  return self->export != NULL;
}

const char *
mdg_city_window_get_message (MdgCityWindow *self)
{
  g_return_val_if_fail (MDG_IS_CITY_WINDOW (self), NULL);
  return gtk_label_get_text (self->message_label);
}
