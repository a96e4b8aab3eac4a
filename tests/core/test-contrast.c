/* test-contrast.c: every text colour in the style sheet stands out from its background, in the
 * default palette (WCAG AA, 4.5:1) and in high contrast (WCAG AAA, 7:1). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixtures.h"

#define HIGH_CONTRAST "window.high-contrast"
#define LARGE_TEXT "window.large-text"

typedef struct
{
  char *color;      /* the text colour a selector sets, or NULL */
  char *background; /* the background it sets, or NULL */
} Colors;

static void
colors_free (gpointer data)
{
  Colors *colors = data;

  g_free (colors->color);
  g_free (colors->background);
  g_free (colors);
}

/* The first colour in a value ("#1d5c63", "#fff", "rgb(…)"), or NULL for none. */
static char *
first_color (const char *value)
{
  g_autoptr (GMatchInfo) match = NULL;
  static GRegex *regex;

  if (regex == NULL)
    regex = g_regex_new ("#[0-9a-fA-F]{3,8}\\b|rgba?\\([^)]*\\)|\\btransparent\\b", 0, 0, NULL);
  if (!g_regex_match (regex, value, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 0);
}

/* A selector with its white space made single, so the same selector always reads the same. */
static char *
normalize (const char *selector)
{
  g_auto (GStrv) words = g_strsplit_set (selector, " \n\t", -1);
  GString *text = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", words[i]);
  return g_string_free (text, FALSE);
}

static void
set_color (char      **field,
           const char *value)
{
  char *color = first_color (value);

  if (color == NULL)
    return;
  g_free (*field);
  *field = color;
}

static void
add_rule (GHashTable *rules,
          const char *selector_text,
          char      **declarations)
{
  g_autofree char *selector = normalize (selector_text);
  Colors *colors = g_hash_table_lookup (rules, selector);

  if (colors == NULL)
    {
      colors = g_new0 (Colors, 1);
      g_hash_table_insert (rules, g_strdup (selector), colors);
    }
  for (guint d = 0; declarations[d] != NULL; d++)
    {
      g_auto (GStrv) pair = g_strsplit (declarations[d], ":", 2);
      const char *name = pair[0] != NULL ? g_strstrip (pair[0]) : NULL;

      if (name == NULL || pair[1] == NULL)
        continue;
      if (g_str_equal (name, "color"))
        set_color (&colors->color, pair[1]);
      else if (g_str_equal (name, "background") || g_str_equal (name, "background-color"))
        set_color (&colors->background, pair[1]);
    }
}

/* selector → the colour and background the style sheet's rules give it, later rules winning. */
static GHashTable *
parse_style_sheet (void)
{
  g_autofree char *path = fixture_source_path ("resources/style.css");
  g_autofree char *css = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GRegex) comments = g_regex_new ("/\\*.*?\\*/", G_REGEX_DOTALL, 0, NULL);
  g_autofree char *plain = NULL;
  GHashTable *rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, colors_free);
  g_auto (GStrv) blocks = NULL;

  cr_assert (g_file_get_contents (path, &css, NULL, &error), "%s", error ? error->message : "");
  plain = g_regex_replace_literal (comments, css, -1, 0, "", 0, NULL);
  blocks = g_strsplit (plain, "}", -1);
  for (guint i = 0; blocks[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (blocks[i], "{", 2);
      g_auto (GStrv) selectors = NULL;
      g_auto (GStrv) declarations = NULL;

      if (parts[0] == NULL || parts[1] == NULL)
        continue;
      selectors = g_strsplit (parts[0], ",", -1);
      declarations = g_strsplit (parts[1], ";", -1);
      for (guint s = 0; selectors[s] != NULL; s++)
        add_rule (rules, selectors[s], declarations);
    }
  return rules;
}

/* sRGB relative luminance, per WCAG 2. FALSE for a colour that is not opaque. */
static gboolean
luminance (const char *color,
           double     *result)
{
  unsigned int r, g, b;
  double channels[3];

  if (color == NULL || color[0] != '#')
    return FALSE; /* rgba() scrims and transparent carry no text of their own */
  if (strlen (color) == 7 && sscanf (color, "#%2x%2x%2x", &r, &g, &b) == 3)
    ;
  else if (strlen (color) == 4 && sscanf (color, "#%1x%1x%1x", &r, &g, &b) == 3)
    r *= 17, g *= 17, b *= 17;
  else
    return FALSE;
  channels[0] = r / 255.0;
  channels[1] = g / 255.0;
  channels[2] = b / 255.0;
  for (guint i = 0; i < 3; i++)
    channels[i] = channels[i] <= 0.04045 ? channels[i] / 12.92
                                         : pow ((channels[i] + 0.055) / 1.055, 2.4);
  *result = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  return TRUE;
}

static double
contrast_ratio (const char *foreground,
                const char *background)
{
  double a, b;

  cr_assert (luminance (foreground, &a), "“%s” is no opaque colour", foreground);
  cr_assert (luminance (background, &b), "“%s” is no opaque colour", background);
  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

/* Surfaces that draw no text: a bar's fill and track. */
static gboolean
draws_no_text (const char *selector)
{
  return g_str_has_suffix (selector, "progressbar progress")
         || g_str_has_suffix (selector, "progressbar trough");
}

static gboolean
is_default_selector (const char *selector)
{
  return !g_str_has_prefix (selector, HIGH_CONTRAST) && !g_str_has_prefix (selector, LARGE_TEXT);
}

/* The same selector in the high-contrast palette: "window.high-contrast .question". */
static char *
high_contrast_selector (const char *selector)
{
  if (g_str_equal (selector, "window"))
    return g_strdup (HIGH_CONTRAST);
  if (g_str_has_prefix (selector, HIGH_CONTRAST))
    return g_strdup (selector);
  return g_strconcat (HIGH_CONTRAST " ", selector, NULL);
}

/* Checks every selector that sets a text colour or a background: its text (its own colour, else
 * the page's) against its background (its own, else the page's). In high contrast a selector's
 * colours are the high-contrast rule's where it has one, else the default rule's: a colour
 * that high contrast forgot to override fails there. Returns how many pairs were checked. */
static guint
check_palette (GHashTable *rules,
               gboolean    high_contrast,
               double      minimum)
{
  Colors *page = g_hash_table_lookup (rules, high_contrast ? HIGH_CONTRAST : "window");
  GHashTableIter iter;
  gpointer key, value;
  guint checked = 0;

  cr_assert_not_null (page, "the style sheet has no page colours for %s",
                      high_contrast ? HIGH_CONTRAST : "window");
  g_hash_table_iter_init (&iter, rules);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *selector = key;
      Colors *colors = value;
      const char *fg, *bg;
      double ratio, ignored;

      if (!is_default_selector (selector) && !(high_contrast
                                               && g_str_has_prefix (selector, HIGH_CONTRAST)))
        continue;
      if (strstr (selector, ":disabled") != NULL || draws_no_text (selector))
        continue; /* WCAG exempts inactive controls; bars carry no text */
      fg = colors->color;
      bg = colors->background;
      if (high_contrast && is_default_selector (selector))
        {
          g_autofree char *hc = high_contrast_selector (selector);
          Colors *override = g_hash_table_lookup (rules, hc);

          if (override != NULL && override->color != NULL)
            fg = override->color;
          if (override != NULL && override->background != NULL)
            bg = override->background;
        }
      if (fg == NULL && bg == NULL)
        continue;
      if (bg != NULL && !luminance (bg, &ignored))
        continue; /* a translucent scrim: no text is drawn on it alone */
      fg = fg != NULL ? fg : page->color;
      bg = bg != NULL ? bg : page->background;
      ratio = contrast_ratio (fg, bg);
      cr_expect (ratio >= minimum, "%s%s: %s on %s is %.2f:1, below %.1f:1",
                 high_contrast && is_default_selector (selector) ? HIGH_CONTRAST " " : "",
                 selector, fg, bg, ratio, minimum);
      checked++;
    }
  return checked;
}

Test (contrast, default_palette_reaches_wcag_aa)
{
  g_autoptr (GHashTable) rules = parse_style_sheet ();

  cr_assert_gt (check_palette (rules, FALSE, 4.5), 20, "the style sheet's colours were read");
}

Test (contrast, high_contrast_palette_reaches_wcag_aaa)
{
  g_autoptr (GHashTable) rules = parse_style_sheet ();

  cr_assert_gt (check_palette (rules, TRUE, 7.0), 20, "the style sheet's colours were read");
}

Test (contrast, the_ratio_is_computed_as_wcag_defines_it)
{
  cr_assert_float_eq (contrast_ratio ("#000000", "#ffffff"), 21.0, 0.01);
  cr_assert_float_eq (contrast_ratio ("#fff", "#fff"), 1.0, 0.01);
  /* WCAG's own example pair: #767676 on white is just above 4.5:1. */
  cr_assert_float_eq (contrast_ratio ("#767676", "#ffffff"), 4.54, 0.01);
}
