/* notify-socket.c: a datagram socket like systemd's, and the next message sent to it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "notify-socket.h"

int
notify_socket_bind (const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int sock;

  cr_assert_lt (strlen (path), sizeof addr.sun_path, "socket path too long: %s", path);
  strcpy (addr.sun_path, path);
  sock = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  cr_assert_geq (sock, 0);
  cr_assert_eq (bind (sock, (struct sockaddr *) &addr, sizeof addr), 0, "bind %s", path);
  return sock;
}

/* The next message within timeout_ms, or NULL. */
char *
notify_socket_receive (int sock,
                       int timeout_ms)
{
  struct pollfd fd = { .fd = sock, .events = POLLIN };
  char buffer[512];
  ssize_t n;

  if (poll (&fd, 1, timeout_ms) <= 0)
    return NULL;
  n = recv (sock, buffer, sizeof buffer - 1, 0);
  cr_assert_geq (n, 0);
  buffer[n] = '\0';
  return g_strdup (buffer);
}
