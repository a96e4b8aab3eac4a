/* mdg-settings.h: reading the kiosk's per-language settings. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *mdg_settings_dup_text (GSettings  *settings,
                             const char *key,
                             const char *language);
GPtrArray *mdg_settings_check_ranges (GSettings *settings);

G_END_DECLS
