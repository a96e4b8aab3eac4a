/* kiosk-fixture.c: a kiosk window for the ui_ suites, and ways to touch it as a visitor would. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>

#include "fixtures.h"
#include "kiosk-fixture.h"
#include "mdg-i18n.h"

KioskFixture kiosk;

/* Opens the kiosk on a database in a fresh directory, or on database when given. Every ui_
 * suite starts its kiosk here. */
void
kiosk_open (const char *database)
{
  g_autofree char *db = NULL;

  mdg_i18n_init ();
  if (!gtk_is_initialized ())
    {
      gtk_disable_setlocale ();
      gtk_init ();
    }
  kiosk.dir = fixture_tmpdir ();
  db = database != NULL ? g_strdup (database) : g_build_filename (kiosk.dir, "inquiries.db", NULL);
  kiosk.app = g_object_new (MDG_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                            G_APPLICATION_NON_UNIQUE, "database", db, "language", "ja", NULL);
  cr_assert (g_application_register (G_APPLICATION (kiosk.app), NULL, NULL));
  kiosk.window = mdg_window_new (kiosk.app);
  gtk_window_present (GTK_WINDOW (kiosk.window));
  kiosk_iterate ();
}

void
kiosk_close (void)
{
  if (kiosk.window != NULL)
    gtk_window_destroy (GTK_WINDOW (kiosk.window));
  kiosk.window = NULL;
  kiosk_iterate ();
  g_clear_object (&kiosk.app);
  if (kiosk.dir != NULL)
    fixture_rmdir (kiosk.dir);
  g_clear_pointer (&kiosk.dir, g_free);
}

void
kiosk_iterate (void)
{
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

gboolean
kiosk_at_welcome (void)
{
  return g_str_equal (kiosk_step (), "welcome");
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until done () holds or timeout_ms pass; real timers fire meanwhile. */
gboolean
kiosk_wait_until (gboolean (*done) (void),
                  guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timed_out_cb, &timed_out);

  while (!done () && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  kiosk_iterate ();
  return done ();
}

const char *
kiosk_step (void)
{
  return mdg_step_get_id (mdg_visit_get_step (mdg_window_get_visit (kiosk.window)));
}

/* The first widget under root (root included, depth first) that match accepts; with
 * shown_only, hidden widgets and what they hold are passed over. The one widget search of
 * every ui_ suite. */
GtkWidget *
kiosk_search (GtkWidget    *root,
              gboolean      shown_only,
              KioskMatch    match,
              gconstpointer data)
{
  if (shown_only && (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root)))
    return NULL;
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kiosk_search (child, shown_only, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget *widget, gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* The first widget of type under root, shown or not. */
GtkWidget *
kiosk_find_type (GtkWidget *root,
                 GType      type)
{
  return kiosk_search (root, FALSE, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_page (GtkWidget *widget, gconstpointer data)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "MdgPage")
         && gtk_widget_get_child_visible (widget);
}

/* The page on show (a page leaving in the stack's crossfade is not child-visible). */
GtkWidget *
kiosk_page (void)
{
  GtkWidget *page = kiosk_search (GTK_WIDGET (kiosk.window), TRUE, is_page, NULL);

  cr_assert_not_null (page, "no page is showing");
  return page;
}

static const char *
button_text (GtkWidget *widget)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return NULL;
  if (gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (widget));
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_LABEL (child) ? gtk_label_get_label (GTK_LABEL (child)) : NULL;
}

static gboolean
is_button_labelled (GtkWidget *widget, gconstpointer label)
{
  return g_strcmp0 (button_text (widget), label) == 0;
}

GtkWidget *
kiosk_find_button (const char *label)
{
  return kiosk_search (GTK_WIDGET (kiosk.window), TRUE, is_button_labelled, label);
}

static gboolean
is_label_showing (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* A toggle whose own label (its child, or a label inside it) shows label. */
static gboolean
is_check_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_TOGGLE_BUTTON (widget)
         && kiosk_search (widget, TRUE, is_label_showing, label) != NULL;
}

/* A tap on the visible button with this label, through the widget itself: "clicked" is what a
 * finger's press and release end in (gtk_widget_activate would wait for a key-press animation). */
void
kiosk_tap (const char *label)
{
  GtkWidget *button = kiosk_find_button (label);

  cr_assert_not_null (button, "no button “%s” on page “%s”", label, kiosk_step ());
  cr_assert (gtk_widget_is_sensitive (button), "“%s” is greyed out", label);
  g_signal_emit_by_name (button, "clicked");
  kiosk_iterate ();
}

/* The tick box labelled label, ticked or unticked as a tap would. */
GtkToggleButton *
kiosk_check (const char *label)
{
  GtkWidget *check = kiosk_search (kiosk_page (), TRUE, is_check_labelled, label);

  cr_assert_not_null (check, "no tick box “%s”", label);
  return GTK_TOGGLE_BUTTON (check);
}

static gboolean
is_label_for_field (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0
         && gtk_label_get_mnemonic_widget (GTK_LABEL (widget)) != NULL;
}

/* The entry a visible label names, as a sighted visitor finds it. */
GtkWidget *
kiosk_field (const char *label)
{
  GtkWidget *name = kiosk_search (kiosk_page (), TRUE, is_label_for_field, label);

  cr_assert_not_null (name, "no field “%s”", label);
  return gtk_label_get_mnemonic_widget (GTK_LABEL (name));
}

void
kiosk_type (const char *label,
            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (kiosk_field (label)), text);
  kiosk_iterate ();
}

static gboolean
is_text_view (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

GtkTextView *
kiosk_text_view (void)
{
  GtkWidget *view = kiosk_search (kiosk_page (), TRUE, is_text_view, NULL);

  cr_assert_not_null (view, "no text field on page “%s”", kiosk_step ());
  return GTK_TEXT_VIEW (view);
}

void
kiosk_write (const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (kiosk_text_view ()), text, -1);
  kiosk_iterate ();
}

char *
kiosk_written (void)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (kiosk_text_view ());
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_label_containing (GtkWidget *widget, gconstpointer part)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), part) != NULL;
}

/* The visible label under root whose text contains part, or NULL. */
GtkWidget *
kiosk_find_label (GtkWidget  *root,
                  const char *part)
{
  return kiosk_search (root, TRUE, is_label_containing, part);
}

/* MDG_SCREEN_SHOTS=DIR: the window drawn to DIR/NAME.png, to be looked at; nothing otherwise. */
void
kiosk_shoot (GtkWidget  *window,
             int         width,
             int         height,
             const char *name)
{
  const char *dir = g_getenv ("MDG_SCREEN_SHOTS");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  cr_assert (gdk_texture_save_to_png (texture, path), "could not write %s", path);
}

/* Activates a widget's action (with a string target, or none) and lets the main loop run. */
void
kiosk_act (gpointer    widget,
           const char *action,
           const char *target)
{
  cr_assert (gtk_widget_activate_action (GTK_WIDGET (widget), action, target ? "s" : NULL, target),
             "action %s", action);
  kiosk_iterate ();
}

/* Runs an AT-SPI script (tests/ui/atspi-*.py) against the kiosk program on a display of its
 * own with the given extra arguments; returns the inquiry number it printed. The scripts touch
 * the screen (GTK 4.8 check boxes have no accessible action, the logo no accessible node), and
 * on the shared display that touch would reach the other suites' windows. */
char *
kiosk_run_atspi (const char         *script_path,
                 const char         *db,
                 const char * const *extra)
{
  g_autofree char *script = fixture_source_path (script_path);
  g_autofree char *kiosk_path = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "madoguchi",
                                                  NULL);
  const char *fixed[] = { "xvfb-run", "-a", "-s", "-screen 0 1920x1080x24 -noreset",
                          "dbus-run-session", "--", "/usr/bin/python3", script, "--kiosk",
                          kiosk_path, "--db", db, "--windowed" };
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  const char *number;
  int status = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (argv, (char *) fixed[i]);
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra[i]);
  g_ptr_array_add (argv, NULL);
  cr_assert (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                           &out, &err, &status, &error),
             "%s", error ? error->message : "");
  cr_assert (g_spawn_check_wait_status (status, NULL), "%s failed:\n%s", script_path, err);
  /* The number is the walk's last line; the session bus may have said things before it. */
  g_strstrip (out);
  number = strrchr (out, '\n') != NULL ? strrchr (out, '\n') + 1 : out;
  cr_assert (g_regex_match_simple ("^[0-9]{6}-[0-9]{3}$", number, 0, 0), "printed “%s”", out);
  return g_strdup (number);
}
