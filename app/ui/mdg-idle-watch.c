/* mdg-idle-watch.c: the kiosk's timers: "are you still there?" after idle, and the done page's end. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-idle-watch.h"

struct _MdgIdleWatch
{
  GObject parent_instance;

  guint idle_seconds;
  guint warning_seconds;
  guint done_seconds;
  MdgIdleWatchMode mode;
  gboolean warning;
  guint remaining; /* seconds left on the warning's countdown */
  guint timeout_id;
};

G_DEFINE_FINAL_TYPE (MdgIdleWatch, mdg_idle_watch, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_IDLE_SECONDS,
  PROP_WARNING_SECONDS,
  PROP_DONE_SECONDS,
  PROP_WARNING,
  PROP_REMAINING,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum { EXPIRED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void arm (MdgIdleWatch *self);

static void
set_warning (MdgIdleWatch *self,
             gboolean      warning,
             guint         remaining)
{
  if (self->remaining != remaining)
    {
      self->remaining = remaining;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
    }
  if (self->warning != warning)
    {
      self->warning = warning;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNING]);
    }
}

static void
expire (MdgIdleWatch *self)
{
  set_warning (self, FALSE, 0);
  self->mode = MDG_IDLE_WATCH_OFF;
  g_signal_emit (self, signals[EXPIRED], 0);
}

static gboolean
countdown_cb (gpointer user_data)
{
  MdgIdleWatch *self = user_data;

  if (self->remaining > 1)
    {
      set_warning (self, TRUE, self->remaining - 1);
      return G_SOURCE_CONTINUE;
    }
  self->timeout_id = 0;
  expire (self);
  return G_SOURCE_REMOVE;
}

static gboolean
idle_cb (gpointer user_data)
{
  MdgIdleWatch *self = user_data;

  self->timeout_id = 0;
  if (self->mode == MDG_IDLE_WATCH_DONE)
    {
      expire (self);
      return G_SOURCE_REMOVE;
    }
  set_warning (self, TRUE, self->warning_seconds);
  self->timeout_id = g_timeout_add_seconds (1, countdown_cb, self);
  return G_SOURCE_REMOVE;
}

/* Starts the timer the mode calls for, from now. */
static void
arm (MdgIdleWatch *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  set_warning (self, FALSE, 0);
  switch (self->mode)
    {
    case MDG_IDLE_WATCH_VISIT:
      self->timeout_id = g_timeout_add_seconds (self->idle_seconds, idle_cb, self);
      break;
    case MDG_IDLE_WATCH_DONE:
      self->timeout_id = g_timeout_add_seconds (self->done_seconds, idle_cb, self);
      break;
    case MDG_IDLE_WATCH_OFF:
    default:
      break;
    }
}

static void
mdg_idle_watch_dispose (GObject *object)
{
  MdgIdleWatch *self = MDG_IDLE_WATCH (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  G_OBJECT_CLASS (mdg_idle_watch_parent_class)->dispose (object);
}

static void
mdg_idle_watch_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgIdleWatch *self = MDG_IDLE_WATCH (object);

  switch (prop_id)
    {
    case PROP_IDLE_SECONDS:
      g_value_set_uint (value, self->idle_seconds);
      break;
    case PROP_WARNING_SECONDS:
      g_value_set_uint (value, self->warning_seconds);
      break;
    case PROP_DONE_SECONDS:
      g_value_set_uint (value, self->done_seconds);
      break;
    case PROP_WARNING:
      g_value_set_boolean (value, self->warning);
      break;
    case PROP_REMAINING:
      g_value_set_uint (value, self->remaining);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_idle_watch_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdgIdleWatch *self = MDG_IDLE_WATCH (object);

  /* A new duration applies from the next arming; a running countdown is left alone. */
  switch (prop_id)
    {
    case PROP_IDLE_SECONDS:
      self->idle_seconds = g_value_get_uint (value);
      break;
    case PROP_WARNING_SECONDS:
      self->warning_seconds = g_value_get_uint (value);
      break;
    case PROP_DONE_SECONDS:
      self->done_seconds = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_idle_watch_class_init (MdgIdleWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mdg_idle_watch_dispose;
  object_class->get_property = mdg_idle_watch_get_property;
  object_class->set_property = mdg_idle_watch_set_property;

  properties[PROP_IDLE_SECONDS] = g_param_spec_uint ("idle-seconds", NULL, NULL, 1, G_MAXUINT / 1000, 90, rw);
  properties[PROP_WARNING_SECONDS] = g_param_spec_uint ("warning-seconds", NULL, NULL, 1, G_MAXUINT / 1000, 20, rw);
  properties[PROP_DONE_SECONDS] = g_param_spec_uint ("done-seconds", NULL, NULL, 1, G_MAXUINT / 1000, 60, rw);
  properties[PROP_WARNING] = g_param_spec_boolean ("warning", NULL, NULL, FALSE, ro);
  properties[PROP_REMAINING] = g_param_spec_uint ("remaining", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The visitor has gone: the owner wipes the visit. */
  signals[EXPIRED] = g_signal_new ("expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mdg_idle_watch_init (MdgIdleWatch *self)
{
  self->idle_seconds = 90;
  self->warning_seconds = 20;
  self->done_seconds = 60;
}

MdgIdleWatch *
mdg_idle_watch_new (void)
{
  return g_object_new (MDG_TYPE_IDLE_WATCH, NULL);
}

/* Each page says what it needs: the timers start over from now. */
void
mdg_idle_watch_set_mode (MdgIdleWatch     *self,
                         MdgIdleWatchMode  mode)
{
  g_return_if_fail (MDG_IS_IDLE_WATCH (self));

  self->mode = mode;
  arm (self);
}

MdgIdleWatchMode
mdg_idle_watch_get_mode (MdgIdleWatch *self)
{
  g_return_val_if_fail (MDG_IS_IDLE_WATCH (self), MDG_IDLE_WATCH_OFF);
  return self->mode;
}

/* A touch, a key, a tap: the visitor is there. Only Continue ends a warning already shown, so a
 * stray touch on the dim background does not hide the question unanswered; the done page's
 * time runs regardless. */
void
mdg_idle_watch_note_activity (MdgIdleWatch *self)
{
  g_return_if_fail (MDG_IS_IDLE_WATCH (self));

  if (self->mode == MDG_IDLE_WATCH_VISIT && !self->warning)
    arm (self);
}

/* Continue: the warning goes and the idle time starts again. */
void
mdg_idle_watch_resume (MdgIdleWatch *self)
{
  g_return_if_fail (MDG_IS_IDLE_WATCH (self));

  if (self->mode == MDG_IDLE_WATCH_VISIT)
    arm (self);
}

gboolean
mdg_idle_watch_get_warning (MdgIdleWatch *self)
{
  g_return_val_if_fail (MDG_IS_IDLE_WATCH (self), FALSE);
  return self->warning;
}

guint
mdg_idle_watch_get_remaining (MdgIdleWatch *self)
{
  g_return_val_if_fail (MDG_IS_IDLE_WATCH (self), 0);
  return self->remaining;
}
