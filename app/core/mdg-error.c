/* mdg-error.c: the project's error domain. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-error.h"

G_DEFINE_QUARK (mdg-error-quark, mdg_error)
