/* mdg-watchdog.c: tells systemd the kiosk is up and that its main loop still turns. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "mdg-watchdog.h"

struct _MdgWatchdog
{
  GObject parent_instance;

  GSocket *socket;         /* NULL: no service manager listens */
  GSocketAddress *address;
  guint64 interval_us;     /* 0: systemd watches nothing */
  guint ready_id;
  guint alive_id;
};

G_DEFINE_FINAL_TYPE (MdgWatchdog, mdg_watchdog, G_TYPE_OBJECT)

/* What sd_notify() sends, to the socket taken from the environment at the start. */
static void
notify (MdgWatchdog *self,
        const char  *message)
{
  g_autoptr (GError) error = NULL;

  if (self->socket != NULL
      && g_socket_send_to (self->socket, self->address, message, strlen (message), NULL,
                           &error) < 0)
    g_warning ("Could not tell the service manager “%s”: %s", message, error->message);
}

/* Sent from a main loop source, never from a thread: a frozen loop must fall silent. */
static gboolean
alive_cb (gpointer user_data)
{
  notify (MDG_WATCHDOG (user_data), "WATCHDOG=1");
  return G_SOURCE_CONTINUE;
}

static gboolean
ready_cb (gpointer user_data)
{
  MdgWatchdog *self = MDG_WATCHDOG (user_data);

  self->ready_id = 0;
  notify (self, "READY=1");
  return G_SOURCE_REMOVE;
}

static void
mdg_watchdog_dispose (GObject *object)
{
  MdgWatchdog *self = MDG_WATCHDOG (object);

  g_clear_handle_id (&self->ready_id, g_source_remove);
  g_clear_handle_id (&self->alive_id, g_source_remove);
  g_clear_object (&self->socket);
  g_clear_object (&self->address);
  G_OBJECT_CLASS (mdg_watchdog_parent_class)->dispose (object);
}

static void
mdg_watchdog_class_init (MdgWatchdogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mdg_watchdog_dispose;
}

/* $NOTIFY_SOCKET is taken and removed from the environment, so that no process the kiosk
 * starts (a session bus, the print helper) speaks for the unit: a dbus-daemon would say
 * READY=1 before the window is up. */
static void
take_notify_socket (MdgWatchdog *self)
{
  g_autofree char *path = g_strdup (g_getenv ("NOTIFY_SOCKET"));
  g_autoptr (GError) error = NULL;

  g_unsetenv ("NOTIFY_SOCKET");
  if (path == NULL || (path[0] != '/' && path[0] != '@'))
    return;
  self->address = path[0] == '@'
                    ? g_unix_socket_address_new_with_type (path + 1, -1,
                                                           G_UNIX_SOCKET_ADDRESS_ABSTRACT)
                    : g_unix_socket_address_new (path);
  self->socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM,
                               G_SOCKET_PROTOCOL_DEFAULT, &error);
  if (self->socket == NULL)
    g_warning ("No socket to tell the service manager the kiosk is alive: %s", error->message);
}

static void
mdg_watchdog_init (MdgWatchdog *self)
{
  g_autofree char *parent = g_strdup_printf ("%d", (int) getppid ());
  uint64_t usec = 0;

  take_notify_socket (self);

  /* systemd addresses the watchdog to the unit's main process, which is cage; the kiosk is
   * its child and speaks for it (the unit says NotifyAccess=all). */
  if (g_strcmp0 (g_getenv ("WATCHDOG_PID"), parent) == 0)
    {
      g_autofree char *own = g_strdup_printf ("%d", (int) getpid ());
      g_setenv ("WATCHDOG_PID", own, TRUE);
    }
  /* Unset, so the helpers the kiosk starts do not think they are watched. */
  if (sd_watchdog_enabled (1, &usec) > 0)
    self->interval_us = usec / 2;

  /* READY=1 once the main loop first turns, that is once the window is up. */
  self->ready_id = g_idle_add_full (G_PRIORITY_LOW, ready_cb, self, NULL);
  if (self->interval_us > 0)
    self->alive_id = g_timeout_add_full (G_PRIORITY_HIGH, MAX (self->interval_us / 1000, 1),
                                         alive_cb, self, NULL);
}

/* Starts telling systemd (through $NOTIFY_SOCKET, if any) that the kiosk is alive, every half
 * of WatchdogSec=, for as long as the object lives and the main loop turns. Made before the
 * application registers on the session bus, which may start a bus daemon. */
MdgWatchdog *
mdg_watchdog_new (void)
{
  return g_object_new (MDG_TYPE_WATCHDOG, NULL);
}

/* Microseconds between keep-alives; 0 without a watchdog. */
guint64
mdg_watchdog_get_interval (MdgWatchdog *self)
{
  g_return_val_if_fail (MDG_IS_WATCHDOG (self), 0);
  return self->interval_us;
}
