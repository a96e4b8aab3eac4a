/* mdg-figures.c: the figures the center reports to the city over a period, counted in the
 * store per day (or per moment, for introductions and closings) and summed into weeks; and
 * their CSV, one line per figure and a column per week. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mdg-csv.h"
#include "mdg-error.h"
#include "mdg-figures.h"
#include "mdg-i18n.h"
#include "mdg-inquiry.h"
#include "mdg-store-private.h"

typedef struct
{
  const char *id;
  const char *label;
} Item;

/* How an inquiry reached the center, in the order the figures list them; the labels are the
 * inquiry's own (mdg_inquiry_channel_label). */
static const char *const channels[] = {
  MDG_CHANNEL_KIOSK, MDG_CHANNEL_COUNTER, MDG_CHANNEL_PHONE, MDG_CHANNEL_EMAIL, NULL,
};

/* A breakdown counts either the answers to the flow's step with `role`, or the values of one
 * column of inquiry, whose items are fixed; a file from before that column counts every
 * inquiry as `missing`. */
typedef struct
{
  const char *id;
  const char *title;
  MdgRole role;
  const char *column;
  const char *const *items;
  const char *missing;
} Breakdown;

static const Breakdown breakdowns[] = {
  { "purpose", N_("Purpose"), MDG_ROLE_PURPOSE, NULL, NULL, NULL },
  { "themes", N_("Areas"), MDG_ROLE_THEMES, NULL, NULL, NULL },
  { "who", N_("Who"), MDG_ROLE_WHO, NULL, NULL, NULL },
  { "channel", N_("Channel"), MDG_ROLE_NONE, "channel", channels, MDG_CHANNEL_KIOSK },
};

static const char *const breakdown_ids[] = { "purpose", "themes", "who", "channel", NULL };
G_STATIC_ASSERT (G_N_ELEMENTS (breakdown_ids) == G_N_ELEMENTS (breakdowns) + 1);

/* The measures with no items; "inquiries" comes first, the others after the breakdowns. */
static const Item measures[] = {
  { "inquiries", N_("Number of inquiries") },
  { "introductions", N_("Introductions made") },
  { "joined", N_("Introductions joined") },
  { "closed", N_("Cases closed") },
};

/* Moments counted by the week they fall in: an introduction is made when first approached;
 * each organisation joins an inquiry, and each inquiry is closed, once a period, in the week
 * of the last such change within it. */
static const char *const moment_queries[] = {
  "SELECT approached_at FROM introduction WHERE approached_at >= ?1 AND approached_at < ?2",
  "SELECT MAX (at) FROM status_history WHERE field = 'introduction' AND new_value = 'joined'"
  " AND at >= ?1 AND at < ?2 GROUP BY inquiry_id, old_value",
  "SELECT MAX (at) FROM status_history WHERE field = 'status' AND new_value = 'closed'"
  " AND at >= ?1 AND at < ?2 GROUP BY inquiry_id",
};
G_STATIC_ASSERT (G_N_ELEMENTS (moment_queries) == G_N_ELEMENTS (measures) - 1);

static void
row_free (MdgFiguresRow *row)
{
  g_free (row->item);
  g_free (row->label);
  g_free (row->weeks);
  g_free (row);
}

void
mdg_figures_free (MdgFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->language);
  g_clear_pointer (&figures->weeks, g_array_unref);
  g_clear_pointer (&figures->rows, g_ptr_array_unref);
  g_free (figures);
}

const char *const *
mdg_figures_breakdowns (void)
{
  return breakdown_ids;
}

/* A measure's name or a breakdown's title, in `language`. */
const char *
mdg_figures_figure_title (const char *figure,
                          const char *language)
{
  g_return_val_if_fail (figure != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (breakdowns); i++)
    if (g_str_equal (figure, breakdowns[i].id))
      return mdg_i18n_translate_in (language, breakdowns[i].title);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (g_str_equal (figure, measures[i].id))
      return mdg_i18n_translate_in (language, measures[i].label);
  return figure;
}

/* The figures being counted, and where each row is found. */
typedef struct
{
  MdgFigures *figures;
  MdgStore *store;
  GHashTable *rows; /* "figure\x1fitem" → MdgFiguresRow, owned by figures->rows */
  gint64 *week_starts; /* each week's first second, then the period's end */
} Count;

static char *
row_key (const char *figure,
         const char *item)
{
  return g_strconcat (figure, "\x1f", item != NULL ? item : "", NULL);
}

static MdgFiguresRow *
add_row (Count      *count,
         const char *figure,
         const char *item,
         const char *label)
{
  MdgFiguresRow *row = g_new0 (MdgFiguresRow, 1);
  GPtrArray *rows = count->figures->rows;
  guint position = rows->len;

  row->figure = figure;
  row->item = g_strdup (item);
  row->label = g_strdup (label);
  row->weeks = g_new0 (guint, count->figures->weeks->len);
  /* An item the flow no longer offers joins its breakdown's rows, after the offered ones. */
  while (position > 0
         && !g_str_equal (((MdgFiguresRow *) g_ptr_array_index (rows, position - 1))->figure, figure))
    position--;
  g_ptr_array_insert (rows, position > 0 ? (int) position : -1, row);
  g_hash_table_insert (count->rows, row_key (figure, item), row);
  return row;
}

static void
add (Count      *count,
     const char *figure,
     const char *item,
     guint       week,
     guint       n)
{
  g_autofree char *key = row_key (figure, item);
  MdgFiguresRow *row = g_hash_table_lookup (count->rows, key);

  if (row == NULL)
    row = add_row (count, figure, item, item);
  row->weeks[week] += n;
  row->total += n;
}

/* The week a day of the store falls in; a day the store keeps in another form is a damaged
 * file, not something to leave out of a report quietly. */
static gboolean
day_week (Count       *count,
          const char  *text,
          guint       *week,
          GError     **error)
{
  GDate day;

  if (!mdg_period_parse_day (text, &day))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_CORRUPT,
                   "an inquiry's day “%s” is not a date; run madoguchi-admin check", text);
      return FALSE;
    }
  *week = mdg_period_week_index (&count->figures->period, &day);
  return TRUE;
}

static sqlite3_stmt *
prepare_days (Count      *count,
              const char *sql,
              GError    **error)
{
  g_autofree char *first = mdg_period_format_day (&count->figures->period.first);
  g_autofree char *last = mdg_period_format_day (&count->figures->period.last);
  sqlite3_stmt *stmt = mdg_store_prepare (count->store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* Rows of (day, item, count) from `stmt` into `figure`; with `total`, each also into it. */
static gboolean
count_days (Count        *count,
            sqlite3_stmt *stmt,
            const char   *figure,
            const char   *total,
            GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *item = (const char *) sqlite3_column_text (stmt, 1);
      guint n = sqlite3_column_int (stmt, 2);
      guint week;

      if (!day_week (count, (const char *) sqlite3_column_text (stmt, 0), &week, error))
        return FALSE;
      add (count, figure, item != NULL ? item : "", week, n);
      if (total != NULL)
        add (count, total, NULL, week, n);
    }
  return rc == SQLITE_DONE || mdg_store_fail (count->store, rc, "counting the inquiries", error);
}

static gboolean
has_column (Count      *count,
            const char *column,
            gboolean   *found,
            GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (
    count->store, "SELECT 1 FROM pragma_table_info ('inquiry') WHERE name = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, column, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE
         || mdg_store_fail (count->store, rc, "reading the table's columns", error);
}

static gboolean
count_breakdown (Count           *count,
                 MdgFlow         *flow,
                 const Breakdown *breakdown,
                 GError         **error)
{
  const char *language = count->figures->language;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (breakdown->role != MDG_ROLE_NONE)
    {
      MdgStep *step = flow != NULL ? mdg_flow_lookup_role (flow, breakdown->role) : NULL;
      GListModel *choices;

      if (step == NULL)
        return TRUE; /* a flow without the question has nothing to break down */
      choices = mdg_step_get_choices (step);
      for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
        {
          g_autoptr (MdgChoice) choice = g_list_model_get_item (choices, i);

          add_row (count, breakdown->id, mdg_choice_get_id (choice),
                   mdg_choice_get_label_in (choice, language));
        }
      stmt = prepare_days (count,
                           /* CROSS JOIN keeps this order: the period's inquiries by day,
                            * then their answers; the planner would otherwise walk every
                            * answer to the step in the file (2.4 s for a year of 1,000,000). */
                           "SELECT i.day, a.choice, COUNT (*) FROM inquiry i"
                           " CROSS JOIN answer a ON a.inquiry_id = i.id AND a.step = ?3"
                           " WHERE i.day BETWEEN ?1 AND ?2 GROUP BY 1, 2",
                           error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 3, mdg_step_get_id (step), -1, SQLITE_TRANSIENT);
      return count_days (count, stmt, breakdown->id, NULL, error);
    }
  else
    {
      gboolean present = FALSE;
      g_autofree char *sql = NULL;

      if (!has_column (count, breakdown->column, &present, error))
        return FALSE;
      for (const char *const *item = breakdown->items; *item != NULL; item++)
        add_row (count, breakdown->id, *item, mdg_inquiry_channel_label (*item, language));
      /* The column's name comes from the table above, never from outside. */
      sql = present ? g_strdup_printf ("SELECT day, COALESCE (%s, ?3), COUNT (*) FROM inquiry"
                                       " WHERE day BETWEEN ?1 AND ?2 GROUP BY 1, 2",
                                       breakdown->column)
                    : g_strdup ("SELECT day, ?3, COUNT (*) FROM inquiry"
                                " WHERE day BETWEEN ?1 AND ?2 GROUP BY 1, 2");
      stmt = prepare_days (count, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 3, breakdown->missing, -1, SQLITE_STATIC);
      /* Every inquiry has exactly one value here: the same rows give the inquiries' total. */
      return count_days (count, stmt, breakdown->id, "inquiries", error);
    }
}

static guint
moment_week (Count  *count,
             gint64  at)
{
  guint low = 0, high = count->figures->weeks->len;

  /* The last week that starts at or before `at`. */
  while (high - low > 1)
    {
      guint middle = (low + high) / 2;

      if (count->week_starts[middle] <= at)
        low = middle;
      else
        high = middle;
    }
  return low;
}

static gboolean
count_moments (Count       *count,
               const char  *figure,
               const char  *sql,
               GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (count->store, sql, error);
  guint n_weeks = count->figures->weeks->len;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, count->week_starts[0]);
  sqlite3_bind_int64 (stmt, 2, count->week_starts[n_weeks]);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add (count, figure, NULL, moment_week (count, sqlite3_column_int64 (stmt, 0)), 1);
  return rc == SQLITE_DONE || mdg_store_fail (count->store, rc, "counting the introductions", error);
}

/* Counts the figures for `period` from the store, labelled in `language`; the flow gives the
 * steps of the breakdowns by their roles (NULL: no breakdown by answers). One read
 * transaction, so that the figures agree with each other even while the kiosk writes. */
MdgFigures *
mdg_figures_count (MdgStore         *store,
                   MdgFlow          *flow,
                   const MdgPeriod  *period,
                   const char       *language,
                   GError          **error)
{
  g_autoptr (MdgFigures) figures = g_new0 (MdgFigures, 1);
  g_autoptr (GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gint64 *week_starts = NULL;
  Count count = { figures, store, rows, NULL };
  gboolean ok = TRUE;

  g_return_val_if_fail (MDG_IS_STORE (store), NULL);
  g_return_val_if_fail (flow == NULL || MDG_IS_FLOW (flow), NULL);
  g_return_val_if_fail (period != NULL && g_date_valid (&period->first), NULL);

  figures->period = *period;
  figures->language = g_strdup (mdg_i18n_is_supported (language) ? language : "ja");
  figures->weeks = mdg_period_split_weeks (period);
  figures->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  week_starts = g_new (gint64, figures->weeks->len + 1);
  for (guint i = 0; i < figures->weeks->len; i++)
    week_starts[i] = mdg_period_start_unix (&g_array_index (figures->weeks, MdgPeriod, i));
  week_starts[figures->weeks->len] = mdg_period_end_unix (period);
  count.week_starts = week_starts;

  add_row (&count, measures[0].id, NULL, mdg_i18n_translate_in (figures->language, measures[0].label));
  if (!mdg_store_exec (store, "BEGIN", error))
    return NULL;
  for (guint i = 0; ok && i < G_N_ELEMENTS (breakdowns); i++)
    ok = count_breakdown (&count, flow, &breakdowns[i], error);
  for (guint i = 1; ok && i < G_N_ELEMENTS (measures); i++)
    {
      add_row (&count, measures[i].id, NULL,
               mdg_i18n_translate_in (figures->language, measures[i].label));
      ok = count_moments (&count, measures[i].id, moment_queries[i - 1], error);
    }
  mdg_store_rollback (store); /* nothing was written: ending the read is all */
  return ok ? g_steal_pointer (&figures) : NULL;
}

const MdgFiguresRow *
mdg_figures_lookup (MdgFigures *figures,
                    const char *figure,
                    const char *item)
{
  g_return_val_if_fail (figures != NULL && figure != NULL, NULL);

  for (guint i = 0; i < figures->rows->len; i++)
    {
      const MdgFiguresRow *row = g_ptr_array_index (figures->rows, i);

      if (g_str_equal (row->figure, figure) && g_strcmp0 (row->item, item) == 0)
        return row;
    }
  return NULL;
}

/* The count for the whole period; 0 for a row that was not counted. */
guint
mdg_figures_get_total (MdgFigures *figures,
                       const char *figure,
                       const char *item)
{
  const MdgFiguresRow *row = mdg_figures_lookup (figures, figure, item);

  return row != NULL ? row->total : 0;
}

/* Period, figure, item, the period's total, then one column per week headed by its first day. */
gboolean
mdg_figures_write_csv (MdgFigures     *figures,
                       GOutputStream  *out,
                       GError        **error)
{
  const char *language;
  g_autoptr (GString) row = g_string_new (MDG_CSV_BOM);
  g_autofree char *period = NULL;

  g_return_val_if_fail (figures != NULL && G_IS_OUTPUT_STREAM (out), FALSE);

  language = figures->language;
  period = mdg_period_format_label (&figures->period, language);
  if (!mdg_csv_write_row (out, row, error))
    return FALSE;
  mdg_csv_append_field (row, mdg_i18n_translate_in (language, N_("Period")));
  mdg_csv_append_field (row, mdg_i18n_translate_in (language, N_("Figure")));
  mdg_csv_append_field (row, mdg_i18n_translate_in (language, N_("Item")));
  mdg_csv_append_field (row, mdg_i18n_translate_in (language, N_("Total")));
  for (guint i = 0; i < figures->weeks->len; i++)
    {
      g_autofree char *first = mdg_period_format_day (&g_array_index (figures->weeks, MdgPeriod, i).first);

      mdg_csv_append_field (row, first);
    }
  mdg_csv_end_row (row);
  if (!mdg_csv_write_row (out, row, error))
    return FALSE;
  for (guint i = 0; i < figures->rows->len; i++)
    {
      const MdgFiguresRow *line = g_ptr_array_index (figures->rows, i);
      char number[16];

      mdg_csv_append_field (row, period);
      mdg_csv_append_field (row, mdg_figures_figure_title (line->figure, language));
      mdg_csv_append_field (row, line->item != NULL ? line->label : "");
      g_snprintf (number, sizeof number, "%u", line->total);
      mdg_csv_append_field (row, number);
      for (guint w = 0; w < figures->weeks->len; w++)
        {
          g_snprintf (number, sizeof number, "%u", line->weeks[w]);
          mdg_csv_append_field (row, number);
        }
      mdg_csv_end_row (row);
      if (!mdg_csv_write_row (out, row, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_figures (GOutputStream *out,
               gpointer       user_data,
               GError       **error)
{
  return mdg_figures_write_csv (user_data, out, error);
}

/* The same into a file that appears whole once written, or not at all; never the store's own
 * files. */
gboolean
mdg_figures_write_csv_file (MdgFigures  *figures,
                            MdgStore    *store,
                            const char  *path,
                            GError     **error)
{
  g_return_val_if_fail (figures != NULL, FALSE);

  return mdg_csv_write_file (store, path, write_figures, figures, error);
}
