/* mdg-converter.c: kana to kanji conversion through anthy, for the on-screen keyboard. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <anthy/anthy.h>
#include <glib/gi18n-lib.h>

#include "mdg-converter.h"
#include "mdg-error.h"
#include "mdg-kana.h"

struct _MdgConverter
{
  GObject parent_instance;

  anthy_context_t context;
};

G_DEFINE_FINAL_TYPE (MdgConverter, mdg_converter, G_TYPE_OBJECT)

#define SEGMENT_BYTES 256

static void
mdg_converter_finalize (GObject *object)
{
  MdgConverter *self = MDG_CONVERTER (object);

  if (self->context != NULL)
    anthy_release_context (self->context);
  G_OBJECT_CLASS (mdg_converter_parent_class)->finalize (object);
}

static void
mdg_converter_class_init (MdgConverterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_converter_finalize;
}

static void
mdg_converter_init (MdgConverter *self)
{
}

/* anthy's dictionaries are process-wide: loaded once, kept until exit. */
static gboolean
ensure_anthy (void)
{
  static gsize done = 0;
  static gboolean ready = FALSE;

  if (g_once_init_enter (&done))
    {
      ready = anthy_init () == 0;
      g_once_init_leave (&done, 1);
    }
  return ready;
}

MdgConverter *
mdg_converter_new (GError **error)
{
  g_autoptr (MdgConverter) self = NULL;

  if (!ensure_anthy ())
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                           _("The kana to kanji dictionary (anthy) could not be loaded."));
      return NULL;
    }
  self = g_object_new (MDG_TYPE_CONVERTER, NULL);
  self->context = anthy_create_context ();
  if (self->context == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                           _("The kana to kanji dictionary (anthy) could not be loaded."));
      return NULL;
    }
  anthy_context_set_encoding (self->context, ANTHY_UTF8_ENCODING);
  return g_steal_pointer (&self);
}

static char *
segment_text (anthy_context_t context,
              int             segment,
              int             candidate)
{
  char buffer[SEGMENT_BYTES];
  int length = anthy_get_segment (context, segment, candidate, buffer, sizeof buffer);

  if (length < 0 || length >= (int) sizeof buffer)
    return NULL;
  return g_strndup (buffer, length);
}

static void
add_unique (GPtrArray  *candidates,
            char       *text,
            guint       max_candidates)
{
  if (text == NULL || *text == '\0' || candidates->len >= max_candidates
      || g_ptr_array_find_with_equal_func (candidates, text, g_str_equal, NULL))
    {
      g_free (text);
      return;
    }
  g_ptr_array_add (candidates, text);
}

/* The reading's candidates, best first: anthy's best guess over all its segments, then every
 * candidate for the reading taken as one word (names are typed one at a time), then the kana
 * themselves. Nothing is committed to anthy, so it learns nothing from one visitor for the
 * next. */
GStrv
mdg_converter_convert (MdgConverter *self,
                       const char   *reading,
                       guint         max_candidates)
{
  g_autoptr (GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  struct anthy_conv_stat stat;
  glong reading_chars;

  g_return_val_if_fail (MDG_IS_CONVERTER (self), NULL);
  g_return_val_if_fail (reading != NULL, NULL);

  reading_chars = g_utf8_strlen (reading, -1);
  if (reading_chars > 0 && anthy_set_string (self->context, reading) == 0
      && anthy_get_stat (self->context, &stat) == 0 && stat.nr_segment > 0)
    {
      g_autoptr (GString) best = g_string_new (NULL);
      struct anthy_segment_stat segment;

      for (int i = 0; i < stat.nr_segment; i++)
        {
          g_autofree char *text = segment_text (self->context, i, 0);

          if (text != NULL)
            g_string_append (best, text);
        }
      add_unique (candidates, g_strdup (best->str), max_candidates);

      if (stat.nr_segment > 1 && anthy_get_segment_stat (self->context, 0, &segment) == 0)
        {
          anthy_resize_segment (self->context, 0, (int) reading_chars - segment.seg_len);
          anthy_get_stat (self->context, &stat);
        }
      if (stat.nr_segment == 1 && anthy_get_segment_stat (self->context, 0, &segment) == 0)
        for (int c = 0; c < segment.nr_candidate; c++)
          add_unique (candidates, segment_text (self->context, 0, c), max_candidates);
      anthy_reset_context (self->context);
    }
  /* The kana themselves always stay within reach, beyond the limit. */
  add_unique (candidates, g_strdup (reading), G_MAXUINT);
  add_unique (candidates, mdg_kana_to_katakana (reading), G_MAXUINT);
  g_ptr_array_add (candidates, NULL);
  return (GStrv) g_ptr_array_steal (candidates, NULL);
}
