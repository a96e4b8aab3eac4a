/* mdg-keyboard.c: the on-screen keyboard: 50-sound kana with anthy conversion, ABC, 123, phone pad. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-kana.h"
#include "mdg-keyboard.h"

struct _MdgKeyboard
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *composition_row;
  GtkLabel *composition_label;
  GtkBox *candidate_box;
  GtkBox *layouts;
  GtkGrid *control_row;

  /* owned references */
  MdgConverter *converter;
  GtkWidget *target;    /* a GtkText or GtkTextView; weak */
  GString *composition; /* kana typed, not yet in the field */
  GPtrArray *letters;   /* the ABC layout's letter keys, relabelled by shift */
  GtkWidget *email_keys;
  char *language;
  char *layout;
  gboolean shifted;
  gboolean built; /* the keys exist: built when first needed, not before the first frame */
};

G_DEFINE_FINAL_TYPE (MdgKeyboard, mdg_keyboard, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_LANGUAGE, PROP_LAYOUT, N_PROPS };
static GParamSpec *properties[N_PROPS];

#define MAX_CANDIDATES 24
#define KANA_COLUMNS 11

/* The 50-sound table as printed in schools, あ column first; the last column holds the marks. */
static const char *const kana_rows[][KANA_COLUMNS] = {
  { "あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ", "゛" },
  { "い", "き", "し", "ち", "に", "ひ", "み", "", "り", "を", "゜" },
  { "う", "く", "す", "つ", "ぬ", "ふ", "む", "ゆ", "る", "ん", "小" },
  { "え", "け", "せ", "て", "ね", "へ", "め", "", "れ", "ー", "カナ" },
  { "お", "こ", "そ", "と", "の", "ほ", "も", "よ", "ろ", "、", "。" },
};

static const char *const abc_rows[][10] = {
  { "q", "w", "e", "r", "t", "y", "u", "i", "o", "p" },
  { "a", "s", "d", "f", "g", "h", "j", "k", "l", "-" },
  { "⇧", "z", "x", "c", "v", "b", "n", "m", ",", "." },
};

static const char *const email_keys[] = { "@", ".", "-", "_", ".jp", ".com" };

/* Whole domains: typed after an @, which they add when the address has none yet. */
static const char *const domain_keys[] = { "gmail.com", "icloud.com", "yahoo.co.jp",
                                           "docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp" };

static const char *const digit_rows[][10] = {
  { "1", "2", "3", "4", "5", "6", "7", "8", "9", "0" },
  { "-", "/", ":", ";", "(", ")", "¥", "&", "@", "\"" },
  { ".", ",", "?", "!", "'", "#", "%", "+", "=", "~" },
};

static const char *const pad_rows[][3] = {
  { "1", "2", "3" },
  { "4", "5", "6" },
  { "7", "8", "9" },
  { "-", "0", NULL }, /* NULL: the pad's own 削除 */
};

/* ---- the field ---- */

static void
target_destroyed_cb (gpointer  data,
                     GObject  *where_the_object_was)
{
  MdgKeyboard *self = data;

  self->target = NULL;
}

static gboolean
target_is_editable (MdgKeyboard *self)
{
  if (GTK_IS_EDITABLE (self->target))
    return gtk_editable_get_editable (GTK_EDITABLE (self->target));
  if (GTK_IS_TEXT_VIEW (self->target))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (self->target));
  return FALSE;
}

static void
insert_into_field (MdgKeyboard *self,
                   const char  *text)
{
  if (self->target == NULL || !target_is_editable (self) || *text == '\0')
    return;
  if (GTK_IS_EDITABLE (self->target))
    {
      GtkEditable *editable = GTK_EDITABLE (self->target);
      int position;

      gtk_editable_delete_selection (editable);
      position = gtk_editable_get_position (editable);
      gtk_editable_insert_text (editable, text, -1, &position);
      gtk_editable_set_position (editable, position);
    }
  else
    {
      GtkTextView *view = GTK_TEXT_VIEW (self->target);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

      gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
      gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
      gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
    }
}

static void
delete_in_field (MdgKeyboard *self)
{
  if (self->target == NULL || !target_is_editable (self))
    return;
  if (GTK_IS_EDITABLE (self->target))
    {
      GtkEditable *editable = GTK_EDITABLE (self->target);
      int position = gtk_editable_get_position (editable);

      if (gtk_editable_get_selection_bounds (editable, NULL, NULL))
        gtk_editable_delete_selection (editable);
      else if (position > 0)
        gtk_editable_delete_text (editable, position - 1, position);
    }
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->target));
      GtkTextIter cursor;

      if (!gtk_text_buffer_delete_selection (buffer, TRUE, TRUE))
        {
          gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
          gtk_text_buffer_backspace (buffer, &cursor, TRUE, TRUE);
        }
    }
}

static gboolean
field_has_at (MdgKeyboard *self)
{
  if (GTK_IS_EDITABLE (self->target))
    return strchr (gtk_editable_get_text (GTK_EDITABLE (self->target)), '@') != NULL;
  return FALSE;
}

/* ---- composition and candidates ---- */

static void
clear_candidates (MdgKeyboard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->candidate_box))) != NULL)
    gtk_box_remove (self->candidate_box, child);
}

static void
update_composition (MdgKeyboard *self)
{
  gboolean composing = self->composition->len > 0;

  gtk_label_set_label (self->composition_label, self->composition->str);
  gtk_widget_set_visible (GTK_WIDGET (self->composition_label), composing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keyboard.convert",
                                 composing && self->converter != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keyboard.commit", composing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keyboard.katakana", composing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keyboard.mark", composing);
}

static void
set_composition (MdgKeyboard *self,
                 const char  *text)
{
  g_string_assign (self->composition, text);
  clear_candidates (self);
  update_composition (self);
}

/* Whatever is being composed goes into the field as it stands. */
static void
commit_composition (MdgKeyboard *self)
{
  g_autofree char *text = g_strdup (self->composition->str);

  set_composition (self, "");
  insert_into_field (self, text);
}

static void
show_candidates (MdgKeyboard *self)
{
  g_auto (GStrv) candidates = NULL;

  clear_candidates (self);
  if (self->converter == NULL || self->composition->len == 0)
    return;
  candidates = mdg_converter_convert (self->converter, self->composition->str, MAX_CANDIDATES);
  for (guint i = 0; candidates[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (candidates[i]);

      gtk_widget_set_focusable (button, FALSE);
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_add_css_class (button, "candidate");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "keyboard.candidate");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", candidates[i]);
      gtk_box_append (self->candidate_box, button);
    }
}

/* ---- keys ---- */

static GtkWidget *
key_button (const char *label,
            const char *action,
            const char *target)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  /* Never take the focus: the field keeps it, and with it the keyboard. */
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

/* One table cell: the marks have their own actions, every other label types itself. */
static GtkWidget *
table_key (const char *label)
{
  if (g_str_equal (label, "゛"))
    return key_button (label, "keyboard.mark", "voiced");
  if (g_str_equal (label, "゜"))
    return key_button (label, "keyboard.mark", "semi-voiced");
  if (g_str_equal (label, "小"))
    return key_button (label, "keyboard.mark", "small");
  if (g_str_equal (label, "カナ"))
    return key_button (label, "keyboard.katakana", NULL);
  if (g_str_equal (label, "⇧"))
    {
      GtkWidget *button = key_button (label, "keyboard.shift", NULL);

      gtk_widget_add_css_class (button, "shift");
      return button;
    }
  return key_button (label, "keyboard.key", label);
}

static GtkWidget *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  return grid;
}

static GtkWidget *
build_kana (void)
{
  GtkWidget *grid = new_grid ();

  for (guint row = 0; row < G_N_ELEMENTS (kana_rows); row++)
    for (guint column = 0; column < KANA_COLUMNS; column++)
      if (*kana_rows[row][column] != '\0')
        gtk_grid_attach (GTK_GRID (grid), table_key (kana_rows[row][column]), column, row, 1, 1);
  return grid;
}

static GtkWidget *
build_abc (MdgKeyboard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid = new_grid ();
  GtkWidget *extras = gtk_flow_box_new ();

  for (guint row = 0; row < G_N_ELEMENTS (abc_rows); row++)
    for (guint column = 0; column < G_N_ELEMENTS (abc_rows[row]); column++)
      {
        GtkWidget *key = table_key (abc_rows[row][column]);

        if (g_ascii_isalpha (*abc_rows[row][column]))
          g_ptr_array_add (self->letters, key);
        gtk_grid_attach (GTK_GRID (grid), key, column, row, 1, 1);
      }
  gtk_box_append (GTK_BOX (box), grid);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (extras), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (extras), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (extras), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (extras), 6);
  gtk_widget_add_css_class (extras, "email-keys");
  for (guint i = 0; i < G_N_ELEMENTS (email_keys); i++)
    gtk_flow_box_append (GTK_FLOW_BOX (extras), table_key (email_keys[i]));
  for (guint i = 0; i < G_N_ELEMENTS (domain_keys); i++)
    gtk_flow_box_append (GTK_FLOW_BOX (extras),
                         key_button (domain_keys[i], "keyboard.domain", domain_keys[i]));
  /* The flow box's children would otherwise be focus stops of their own. */
  for (GtkWidget *child = gtk_widget_get_first_child (extras); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_widget_set_visible (extras, FALSE);
  gtk_box_append (GTK_BOX (box), extras);
  self->email_keys = extras;
  return box;
}

static GtkWidget *
build_digits (void)
{
  GtkWidget *grid = new_grid ();

  for (guint row = 0; row < G_N_ELEMENTS (digit_rows); row++)
    for (guint column = 0; column < G_N_ELEMENTS (digit_rows[row]); column++)
      gtk_grid_attach (GTK_GRID (grid), table_key (digit_rows[row][column]), column, row, 1, 1);
  return grid;
}

static GtkWidget *
build_pad (void)
{
  GtkWidget *grid = new_grid ();

  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (grid, "phone-pad");
  for (guint row = 0; row < G_N_ELEMENTS (pad_rows); row++)
    for (guint column = 0; column < G_N_ELEMENTS (pad_rows[row]); column++)
      {
        GtkWidget *key = pad_rows[row][column] != NULL
                           ? table_key (pad_rows[row][column])
                           : key_button (C_("keyboard", "Delete"), "keyboard.delete", NULL);

        gtk_grid_attach (GTK_GRID (grid), key, column, row, 1, 1);
      }
  return grid;
}

/* The row under every layout but the pad: the layout keys, then space, delete, convert, commit. */
static void
build_controls (MdgKeyboard *self)
{
  const struct
  {
    const char *label;
    const char *action;
    const char *target;
    int width;
  } controls[] = {
    { "かな", "keyboard.layout", "kana", 1 },
    { "ABC", "keyboard.layout", "abc", 1 },
    { "123", "keyboard.layout", "digits", 1 },
    { C_("keyboard", "Space"), "keyboard.space", NULL, 2 },
    { C_("keyboard", "Delete"), "keyboard.delete", NULL, 2 },
    { C_("keyboard", "Convert"), "keyboard.convert", NULL, 2 },
    { C_("keyboard", "Commit"), "keyboard.commit", NULL, 2 },
  };
  GtkWidget *child;
  int column = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->control_row))) != NULL)
    gtk_grid_remove (self->control_row, child);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      GtkWidget *key;

      if (g_str_equal (controls[i].action, "keyboard.layout"))
        {
          key = gtk_toggle_button_new_with_label (controls[i].label);
          gtk_widget_set_focusable (key, FALSE);
          gtk_widget_set_focus_on_click (key, FALSE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (key), controls[i].action);
          gtk_actionable_set_action_target (GTK_ACTIONABLE (key), "s", controls[i].target);
          gtk_widget_add_css_class (key, "layout-key");
        }
      else
        key = key_button (controls[i].label, controls[i].action, controls[i].target);
      gtk_grid_attach (self->control_row, key, column, 0, controls[i].width, 1);
      column += controls[i].width;
    }
}

static void
remove_layouts (MdgKeyboard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->layouts))) != NULL)
    gtk_box_remove (self->layouts, child);
  g_ptr_array_set_size (self->letters, 0);
  self->email_keys = NULL;
}

/* Built from the tables; again on a language switch, for the labels of the control keys. */
static void
build_layouts (MdgKeyboard *self)
{
  const char *names[] = { "kana", "abc", "digits", "pad" };
  GtkWidget *layouts[G_N_ELEMENTS (names)];

  remove_layouts (self);
  layouts[0] = build_kana ();
  layouts[1] = build_abc (self);
  layouts[2] = build_digits ();
  layouts[3] = build_pad ();
  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      gtk_widget_set_name (layouts[i], names[i]);
      gtk_box_append (self->layouts, layouts[i]);
    }
  build_controls (self);
  self->built = TRUE;
}

static void
set_shifted (MdgKeyboard *self,
             gboolean     shifted)
{
  self->shifted = shifted;
  for (guint i = 0; i < self->letters->len; i++)
    {
      GtkButton *key = g_ptr_array_index (self->letters, i);
      const char *label = gtk_button_get_label (key);
      g_autofree char *text = shifted ? g_ascii_strup (label, -1) : g_ascii_strdown (label, -1);

      gtk_button_set_label (key, text);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (key), "s", text);
    }
}

static void
show_layout (MdgKeyboard *self)
{
  gboolean pad = g_str_equal (self->layout, "pad");

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->layouts)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, g_str_equal (gtk_widget_get_name (child), self->layout));
  gtk_widget_set_visible (GTK_WIDGET (self->control_row), !pad);
  gtk_widget_set_visible (self->composition_row, g_str_equal (self->layout, "kana"));
}

static void
set_layout (MdgKeyboard *self,
            const char  *layout)
{
  if (!g_str_equal (layout, "kana") && !g_str_equal (layout, "abc")
      && !g_str_equal (layout, "digits") && !g_str_equal (layout, "pad"))
    {
      g_warning ("Unknown keyboard layout %s", layout);
      return;
    }
  if (g_strcmp0 (self->layout, layout) == 0)
    return;
  /* Leaving the kana, what was typed stays typed. */
  commit_composition (self);
  set_shifted (self, FALSE);
  g_free (self->layout);
  self->layout = g_strdup (layout);
  show_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
}

/* The layout that suits the field, from what GTK already knows of it. */
static const char *
layout_for (MdgKeyboard *self,
            GtkWidget   *field)
{
  GtkInputPurpose purpose = GTK_IS_TEXT (field)
                              ? gtk_text_get_input_purpose (GTK_TEXT (field))
                              : gtk_text_view_get_input_purpose (GTK_TEXT_VIEW (field));

  switch (purpose)
    {
    case GTK_INPUT_PURPOSE_EMAIL:
    case GTK_INPUT_PURPOSE_URL:
      return "abc";
    case GTK_INPUT_PURPOSE_PHONE:
    case GTK_INPUT_PURPOSE_DIGITS:
    case GTK_INPUT_PURPOSE_NUMBER:
    case GTK_INPUT_PURPOSE_PIN:
      return "pad";
    default:
      return g_str_has_prefix (self->language, "ja") ? "kana" : "abc";
    }
}

/* ---- actions ---- */

static void
key_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgKeyboard *self = MDG_KEYBOARD (widget);
  const char *text = g_variant_get_string (param, NULL);
  gunichar first = g_utf8_get_char (text);

  if (g_str_equal (self->layout, "kana") && mdg_kana_is_kana (first))
    {
      g_string_append (self->composition, text);
      clear_candidates (self);
      update_composition (self);
      return;
    }
  commit_composition (self);
  insert_into_field (self, text);
  if (self->shifted)
    set_shifted (self, FALSE); /* one capital, as on a phone */
}

static void
domain_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgKeyboard *self = MDG_KEYBOARD (widget);
  g_autofree char *text = NULL;

  text = g_strconcat (field_has_at (self) ? "" : "@", g_variant_get_string (param, NULL), NULL);
  insert_into_field (self, text);
}

static void
mark_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgKeyboard *self = MDG_KEYBOARD (widget);
  const char *mark = g_variant_get_string (param, NULL);

  if (g_str_equal (mark, "voiced"))
    mdg_kana_apply_mark (self->composition, MDG_KANA_VOICED);
  else if (g_str_equal (mark, "semi-voiced"))
    mdg_kana_apply_mark (self->composition, MDG_KANA_SEMI_VOICED);
  else if (g_str_equal (mark, "small"))
    mdg_kana_apply_mark (self->composition, MDG_KANA_SMALL);
  clear_candidates (self);
  update_composition (self);
}

static void
katakana_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgKeyboard *self = MDG_KEYBOARD (widget);
  g_autofree char *katakana = mdg_kana_to_katakana (self->composition->str);

  set_composition (self, katakana);
}

static void
convert_action (GtkWidget *widget, const char *name, GVariant *param)
{
  show_candidates (MDG_KEYBOARD (widget));
}

static void
candidate_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgKeyboard *self = MDG_KEYBOARD (widget);

  set_composition (self, "");
  insert_into_field (self, g_variant_get_string (param, NULL));
}

static void
commit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  commit_composition (MDG_KEYBOARD (widget));
}

static void
delete_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgKeyboard *self = MDG_KEYBOARD (widget);

  if (mdg_kana_delete_last (self->composition))
    {
      clear_candidates (self);
      update_composition (self);
    }
  else
    delete_in_field (self);
}

static void
space_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgKeyboard *self = MDG_KEYBOARD (widget);

  commit_composition (self);
  insert_into_field (self, " ");
}

static void
shift_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgKeyboard *self = MDG_KEYBOARD (widget);

  set_shifted (self, !self->shifted);
}

/* ---- public ---- */

/* The fields the keyboard types into: editable single-line text and text views. */
gboolean
mdg_keyboard_field_accepts (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return gtk_editable_get_editable (GTK_EDITABLE (widget));
  if (GTK_IS_TEXT_VIEW (widget))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (widget));
  return FALSE;
}

/* A new field gets what was composed for the old one first, then the layout that suits it. */
void
mdg_keyboard_set_target (MdgKeyboard *self,
                         GtkWidget   *target)
{
  g_return_if_fail (MDG_IS_KEYBOARD (self));
  g_return_if_fail (target == NULL || GTK_IS_TEXT (target) || GTK_IS_TEXT_VIEW (target));

  if (self->target == target)
    return;
  commit_composition (self);
  if (self->target != NULL)
    g_object_weak_unref (G_OBJECT (self->target), target_destroyed_cb, self);
  self->target = target;
  if (target == NULL)
    return;
  g_object_weak_ref (G_OBJECT (target), target_destroyed_cb, self);
  mdg_keyboard_build_keys (self);
  set_layout (self, layout_for (self, target));
  gtk_widget_set_visible (self->email_keys,
                          GTK_IS_TEXT (target)
                            && gtk_text_get_input_purpose (GTK_TEXT (target))
                                 == GTK_INPUT_PURPOSE_EMAIL);
}

GtkWidget *
mdg_keyboard_get_target (MdgKeyboard *self)
{
  g_return_val_if_fail (MDG_IS_KEYBOARD (self), NULL);
  return self->target;
}

void
mdg_keyboard_set_converter (MdgKeyboard  *self,
                            MdgConverter *converter)
{
  g_return_if_fail (MDG_IS_KEYBOARD (self));
  g_return_if_fail (converter == NULL || MDG_IS_CONVERTER (converter));

  g_set_object (&self->converter, converter);
  update_composition (self);
}

/* The visit is over: nothing composed, offered or chosen in it is left. */
void
mdg_keyboard_reset (MdgKeyboard *self)
{
  g_return_if_fail (MDG_IS_KEYBOARD (self));

  set_composition (self, "");
  mdg_keyboard_set_target (self, NULL);
  set_shifted (self, FALSE);
  set_layout (self, g_str_has_prefix (self->language, "ja") ? "kana" : "abc");
}

/* Some 150 buttons the welcome page does not show: the window has them built once it has been
 * painted, and a field that takes the focus first has them built at once. */
void
mdg_keyboard_build_keys (MdgKeyboard *self)
{
  g_return_if_fail (MDG_IS_KEYBOARD (self));

  if (self->built)
    return;
  build_layouts (self);
  show_layout (self);
}

const char *
mdg_keyboard_get_layout (MdgKeyboard *self)
{
  g_return_val_if_fail (MDG_IS_KEYBOARD (self), NULL);
  return self->layout;
}

const char *
mdg_keyboard_get_composition (MdgKeyboard *self)
{
  g_return_val_if_fail (MDG_IS_KEYBOARD (self), NULL);
  return self->composition->str;
}

static void
set_language (MdgKeyboard *self,
              const char  *language)
{
  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language != NULL ? language : "ja");
  if (self->built)
    build_layouts (self);
  set_shifted (self, FALSE);
  show_layout (self);
  if (self->target != NULL)
    gtk_widget_set_visible (self->email_keys,
                            GTK_IS_TEXT (self->target)
                              && gtk_text_get_input_purpose (GTK_TEXT (self->target))
                                   == GTK_INPUT_PURPOSE_EMAIL);
  update_composition (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

static void
mdg_keyboard_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgKeyboard *self = MDG_KEYBOARD (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_LAYOUT:
      g_value_set_string (value, self->layout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_keyboard_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdgKeyboard *self = MDG_KEYBOARD (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      set_language (self, g_value_get_string (value));
      break;
    case PROP_LAYOUT:
      set_layout (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_keyboard_dispose (GObject *object)
{
  MdgKeyboard *self = MDG_KEYBOARD (object);
  GtkWidget *child;

  if (self->target != NULL)
    g_object_weak_unref (G_OBJECT (self->target), target_destroyed_cb, self);
  self->target = NULL;
  g_clear_object (&self->converter);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_KEYBOARD);
  /* The template's outer box is not bound to a field, so unparent what is left by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (mdg_keyboard_parent_class)->dispose (object);
}

static void
mdg_keyboard_finalize (GObject *object)
{
  MdgKeyboard *self = MDG_KEYBOARD (object);

  g_string_free (self->composition, TRUE);
  g_ptr_array_unref (self->letters);
  g_free (self->language);
  g_free (self->layout);
  G_OBJECT_CLASS (mdg_keyboard_parent_class)->finalize (object);
}

static void
mdg_keyboard_class_init (MdgKeyboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_keyboard_dispose;
  object_class->finalize = mdg_keyboard_finalize;
  object_class->get_property = mdg_keyboard_get_property;
  object_class->set_property = mdg_keyboard_set_property;

  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "ja",
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAYOUT] = g_param_spec_string ("layout", NULL, NULL, "kana",
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "keyboard");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mdg-keyboard.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgKeyboard, composition_row);
  gtk_widget_class_bind_template_child (widget_class, MdgKeyboard, composition_label);
  gtk_widget_class_bind_template_child (widget_class, MdgKeyboard, candidate_box);
  gtk_widget_class_bind_template_child (widget_class, MdgKeyboard, layouts);
  gtk_widget_class_bind_template_child (widget_class, MdgKeyboard, control_row);

  gtk_widget_class_install_action (widget_class, "keyboard.key", "s", key_action);
  gtk_widget_class_install_action (widget_class, "keyboard.domain", "s", domain_action);
  gtk_widget_class_install_action (widget_class, "keyboard.mark", "s", mark_action);
  gtk_widget_class_install_action (widget_class, "keyboard.katakana", NULL, katakana_action);
  gtk_widget_class_install_action (widget_class, "keyboard.convert", NULL, convert_action);
  gtk_widget_class_install_action (widget_class, "keyboard.candidate", "s", candidate_action);
  gtk_widget_class_install_action (widget_class, "keyboard.commit", NULL, commit_action);
  gtk_widget_class_install_action (widget_class, "keyboard.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "keyboard.space", NULL, space_action);
  gtk_widget_class_install_action (widget_class, "keyboard.shift", NULL, shift_action);
  gtk_widget_class_install_property_action (widget_class, "keyboard.layout", "layout");
}

static void
mdg_keyboard_init (MdgKeyboard *self)
{
  self->composition = g_string_new (NULL);
  self->letters = g_ptr_array_new ();
  self->language = g_strdup ("ja");
  self->layout = g_strdup ("kana");
  gtk_widget_init_template (GTK_WIDGET (self));
  show_layout (self);
  update_composition (self);
}
