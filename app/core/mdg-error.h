/* mdg-error.h: the project's error domain, shared by the core and the UI. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MDG_ERROR (mdg_error_quark ())

typedef enum
{
  MDG_ERROR_FLOW_INVALID,     /* the flow file is malformed or inconsistent */
  MDG_ERROR_STORE_CORRUPT,    /* the database failed its integrity check */
  MDG_ERROR_STORE_READ_ONLY,  /* the database or its folder cannot be written */
  MDG_ERROR_STORE_UNREADABLE, /* the database cannot be opened or read */
  MDG_ERROR_STORE_TOO_NEW,    /* written by a newer Madoguchi */
  MDG_ERROR_STORE_TOO_OLD,    /* not yet updated to this Madoguchi's schema */
  MDG_ERROR_STORE_FULL,       /* the disk is full */
  MDG_ERROR_STORE_FAILED,     /* any other database failure */
  MDG_ERROR_NOT_FOUND,        /* no such inquiry, date or file */
  MDG_ERROR_INVALID_ARGUMENT, /* a malformed setting or argument */
  MDG_ERROR_IO,               /* a file could not be written */
  MDG_ERROR_LOCKED,           /* too many failed attempts: wait */
} MdgError;

GQuark mdg_error_quark (void);

G_END_DECLS
