/* mdg-store-slip.h: what the store knows about an inquiry's printed slip. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-store.h"

G_BEGIN_DECLS

gboolean mdg_store_set_printed (MdgStore   *self,
                                const char *number,
                                gboolean    printed,
                                GError    **error);

G_END_DECLS
