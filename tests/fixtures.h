/* fixtures.h: helpers shared by the Criterion suites. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mdg-flow.h"
#include "mdg-store.h"
#include "mdg-visit.h"

char     *fixture_tmpdir           (void);
void      fixture_rmdir            (const char *dir);
char     *fixture_source_path      (const char *relative);
MdgFlow  *fixture_default_flow     (void);
void      fixture_answer_default   (MdgVisit   *visit,
                                    const char *purpose);
char     *fixture_query_text       (const char *db,
                                    const char *sql);
void      fixture_answer_with_contact (MdgVisit   *visit,
                                       const char *phone,
                                       const char *email);
void      fixture_damage_file      (const char *path,
                                    long        offset);
void      fixture_sqlite_exec      (const char *db,
                                    const char *sql);
void      fixture_foreign_wal      (const char *db);
