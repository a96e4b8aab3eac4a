/* mdg-pin.c: the staff PIN: Argon2id hash in the store and the growing lockout after failures. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "mdg-error.h"
#include "mdg-pin.h"
#include "mdg-store-private.h"

#define KEY_HASH "staff-pin"
#define KEY_FAILURES "staff-pin-failures"
#define KEY_LAST_FAILURE "staff-pin-last-failure"

/* Argon2id with libsodium's INTERACTIVE limits: 2 passes over 64 MiB. OWASP's minimum for
 * Argon2id is 19 MiB with 2 passes, so this meets it with room, and still answers a tap on
 * the desk's pad in well under a second. */
#define PIN_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PIN_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE
G_STATIC_ASSERT (crypto_pwhash_OPSLIMIT_INTERACTIVE >= 2);
G_STATIC_ASSERT (crypto_pwhash_MEMLIMIT_INTERACTIVE >= 19 * 1024 * 1024);

/* A day at most, so that doubling never overflows and a typo storm cannot lock for weeks. */
#define MAX_WAIT_SECONDS (24 * 60 * 60)

gboolean
mdg_pin_is_valid (const char *pin)
{
  size_t length;

  if (pin == NULL)
    return FALSE;
  length = strlen (pin);
  if (length < MDG_PIN_MIN_DIGITS || length > MDG_PIN_MAX_DIGITS)
    return FALSE;
  for (size_t i = 0; i < length; i++)
    if (pin[i] < '0' || pin[i] > '9')
      return FALSE;
  return TRUE;
}

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_FAILED, "libsodium could not start");
      return FALSE;
    }
  return TRUE;
}

static gint64
get_int_setting (MdgStore   *store,
                 const char *key,
                 GError    **error)
{
  g_autofree char *value = mdg_store_get_setting (store, key, error);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static gboolean
put_int_setting (MdgStore   *store,
                 const char *key,
                 gint64      value,
                 GError    **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return mdg_store_put_setting (store, key, text, error);
}

gboolean
mdg_pin_is_set (MdgStore *store,
                GError  **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);

  hash = mdg_store_get_setting (store, KEY_HASH, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return hash != NULL && *hash != '\0';
}

/* A new PIN also clears the failure count: whoever may set it may unlock the pad. */
gboolean
mdg_pin_set (MdgStore   *store,
             const char *pin,
             GError    **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);

  if (!mdg_pin_is_valid (pin))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "the PIN must be %d to %d digits (0–9), nothing else", MDG_PIN_MIN_DIGITS,
                   MDG_PIN_MAX_DIGITS);
      return FALSE;
    }
  if (!ensure_sodium (error))
    return FALSE;
  if (crypto_pwhash_str (hash, pin, strlen (pin), PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_FAILED,
                   "not enough memory to hash the PIN");
      return FALSE;
    }
  if (!mdg_store_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!mdg_store_put_setting (store, KEY_HASH, hash, error)
      || !put_int_setting (store, KEY_FAILURES, 0, error)
      || !put_int_setting (store, KEY_LAST_FAILURE, 0, error)
      || !mdg_store_exec (store, "COMMIT", error))
    return mdg_store_rollback (store);
  sodium_memzero (hash, sizeof hash);
  return TRUE;
}

/* After MDG_PIN_FREE_ATTEMPTS failures in a row, the next attempt waits 30 s, then 60 s, … */
static gint64
wait_after (gint64 failures)
{
  gint64 wait = MDG_PIN_FIRST_WAIT_SECONDS;

  if (failures < MDG_PIN_FREE_ATTEMPTS)
    return 0;
  for (gint64 i = MDG_PIN_FREE_ATTEMPTS; i < failures && wait < MAX_WAIT_SECONDS; i++)
    wait *= 2;
  return MIN (wait, MAX_WAIT_SECONDS);
}

static gint64
unlock_time (gint64 failures,
             gint64 last_failure,
             gint64 now)
{
  gint64 wait = wait_after (failures);

  if (wait == 0)
    return 0;
  /* A clock set back must not stretch the wait beyond its length. */
  if (last_failure > now)
    last_failure = now;
  return last_failure + wait > now ? last_failure + wait : 0;
}

/* When the pad opens again (Unix seconds), or 0 if it is open now. */
gint64
mdg_pin_locked_until (MdgStore *store,
                      gint64    now,
                      GError  **error)
{
  g_autoptr (GError) local = NULL;
  gint64 failures, last;

  g_return_val_if_fail (MDG_IS_STORE (store), 0);

  failures = get_int_setting (store, KEY_FAILURES, &local);
  if (local == NULL)
    last = get_int_setting (store, KEY_LAST_FAILURE, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  return unlock_time (failures, last, now);
}

MdgPinResult
mdg_pin_check (MdgStore   *store,
               const char *pin,
               gint64      now,
               gint64     *retry_at,
               GError    **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *hash = NULL;
  gint64 failures, last, until;
  gboolean matches;

  g_return_val_if_fail (MDG_IS_STORE (store), MDG_PIN_FAILED);

  if (retry_at != NULL)
    *retry_at = 0;
  if (!ensure_sodium (error))
    return MDG_PIN_FAILED;
  /* Read and count in one write transaction, so two pads cannot both slip past the limit. */
  if (!mdg_store_exec (store, "BEGIN IMMEDIATE", error))
    return MDG_PIN_FAILED;

  hash = mdg_store_get_setting (store, KEY_HASH, &local);
  if (local == NULL)
    failures = get_int_setting (store, KEY_FAILURES, &local);
  if (local == NULL)
    last = get_int_setting (store, KEY_LAST_FAILURE, &local);
  if (local != NULL)
    goto failed;
  if (hash == NULL || *hash == '\0')
    {
      mdg_store_rollback (store);
      return MDG_PIN_NOT_SET;
    }
  until = unlock_time (failures, last, now);
  if (until != 0)
    {
      mdg_store_rollback (store);
      if (retry_at != NULL)
        *retry_at = until;
      return MDG_PIN_LOCKED;
    }

  matches = pin != NULL && crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
  if (matches)
    {
      if (!put_int_setting (store, KEY_FAILURES, 0, &local)
          || !put_int_setting (store, KEY_LAST_FAILURE, 0, &local))
        goto failed;
    }
  else
    {
      failures++;
      if (!put_int_setting (store, KEY_FAILURES, failures, &local)
          || !put_int_setting (store, KEY_LAST_FAILURE, now, &local))
        goto failed;
    }
  if (!mdg_store_exec (store, "COMMIT", &local))
    goto failed;
  if (!matches && retry_at != NULL)
    *retry_at = unlock_time (failures, now, now);
  return matches ? MDG_PIN_ACCEPTED : MDG_PIN_WRONG;

failed:
  mdg_store_rollback (store);
  g_propagate_error (error, g_steal_pointer (&local));
  return MDG_PIN_FAILED;
}
