/* mdg-pin.h: the staff PIN: Argon2id hash in the store and the growing lockout after failures. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-store.h"

G_BEGIN_DECLS

#define MDG_PIN_MIN_DIGITS 6
#define MDG_PIN_MAX_DIGITS 12
#define MDG_PIN_FREE_ATTEMPTS 5       /* failures in a row before attempts must wait */
#define MDG_PIN_FIRST_WAIT_SECONDS 30 /* then 60, 120, … */

typedef enum
{
  MDG_PIN_ACCEPTED,
  MDG_PIN_WRONG,
  MDG_PIN_LOCKED,  /* not even checked: wait until *retry_at */
  MDG_PIN_NOT_SET,
  MDG_PIN_FAILED,  /* the store failed; see the error */
} MdgPinResult;

gboolean     mdg_pin_is_valid  (const char *pin);
gboolean     mdg_pin_is_set    (MdgStore   *store,
                                GError    **error);
gboolean     mdg_pin_set       (MdgStore   *store,
                                const char *pin,
                                GError    **error);
/* `now` is Unix seconds, passed in so that tests can move the clock. */
MdgPinResult mdg_pin_check     (MdgStore   *store,
                                const char *pin,
                                gint64      now,
                                gint64     *retry_at,
                                GError    **error);
gint64       mdg_pin_locked_until (MdgStore *store,
                                   gint64    now,
                                   GError  **error);

G_END_DECLS
