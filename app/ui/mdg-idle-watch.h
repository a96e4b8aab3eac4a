/* mdg-idle-watch.h: the kiosk's timers: "are you still there?" after idle, and the done page's end. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MDG_IDLE_WATCH_OFF,   /* nothing to wipe (the welcome page) */
  MDG_IDLE_WATCH_VISIT, /* a visit is under way: warn after idle-seconds, expire after the warning */
  MDG_IDLE_WATCH_DONE,  /* the done page: expire after done-seconds whatever happens */
} MdgIdleWatchMode;

#define MDG_TYPE_IDLE_WATCH (mdg_idle_watch_get_type ())
G_DECLARE_FINAL_TYPE (MdgIdleWatch, mdg_idle_watch, MDG, IDLE_WATCH, GObject)

MdgIdleWatch     *mdg_idle_watch_new           (void);
void              mdg_idle_watch_set_mode      (MdgIdleWatch     *self,
                                                MdgIdleWatchMode  mode);
MdgIdleWatchMode  mdg_idle_watch_get_mode      (MdgIdleWatch     *self);
void              mdg_idle_watch_note_activity (MdgIdleWatch     *self);
void              mdg_idle_watch_resume        (MdgIdleWatch     *self);
gboolean          mdg_idle_watch_get_warning   (MdgIdleWatch     *self);
guint             mdg_idle_watch_get_remaining (MdgIdleWatch     *self);

G_END_DECLS
