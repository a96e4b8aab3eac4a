/* kiosk-fixture.h: a kiosk window for the ui_ suites, and ways to touch it as a visitor would. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-application.h"
#include "mdg-window.h"

typedef struct
{
  char *dir;
  MdgApplication *app;
  MdgWindow *window;
} KioskFixture;

extern KioskFixture kiosk;

typedef gboolean (*KioskMatch) (GtkWidget    *widget,
                                gconstpointer data);

void        kiosk_open         (const char *database);
void        kiosk_close        (void);
void        kiosk_iterate      (void);
gboolean    kiosk_wait_until   (gboolean  (*done) (void),
                                guint       timeout_ms);
const char *kiosk_step         (void);
gboolean    kiosk_at_welcome   (void);
GtkWidget  *kiosk_page         (void);
GtkWidget  *kiosk_find_button  (const char *label);
void        kiosk_tap          (const char *label);
GtkToggleButton *kiosk_check   (const char *label);
GtkWidget  *kiosk_field        (const char *label);
void        kiosk_type         (const char *label,
                                const char *text);
GtkTextView *kiosk_text_view   (void);
void        kiosk_write        (const char *text);
char       *kiosk_written      (void);
GtkWidget  *kiosk_find_label   (GtkWidget  *root,
                                const char *part);
GtkWidget  *kiosk_search       (GtkWidget    *root,
                                gboolean      shown_only,
                                KioskMatch    match,
                                gconstpointer data);
void        kiosk_act          (gpointer    widget,
                                const char *action,
                                const char *target);
char       *kiosk_run_atspi    (const char         *script_path,
                                const char         *db,
                                const char * const *extra);
GtkWidget  *kiosk_find_type    (GtkWidget  *root,
                                GType       type);
void        kiosk_shoot        (GtkWidget  *window,
                                int         width,
                                int         height,
                                const char *name);
