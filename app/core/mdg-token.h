/* mdg-token.h: follow-up tokens. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MDG_TOKEN_BYTES 16

char *mdg_token_new (GError **error);

G_END_DECLS
