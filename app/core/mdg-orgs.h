/* mdg-orgs.h: the coordinators' directory of organisations, and its CSV as Japanese Excel
 * writes and reads it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-flow.h"
#include "mdg-store.h"

G_BEGIN_DECLS

/* One organisation; kind, themes and offers are choice ids of the flow's who, themes and offer
 * steps. Strings are NULL when empty. */
typedef struct
{
  gint64 id;
  char *name;
  char *kind;
  char **themes;
  char **offers;
  char *area;
  char *contact;
  char *phone;
  char *email;
  char *notes;
  gboolean active;
} MdgOrg;

/* The fields in the CSV's column order. */
typedef enum
{
  MDG_ORG_FIELD_NAME,
  MDG_ORG_FIELD_KIND,
  MDG_ORG_FIELD_THEMES,
  MDG_ORG_FIELD_OFFERS,
  MDG_ORG_FIELD_AREA,
  MDG_ORG_FIELD_CONTACT,
  MDG_ORG_FIELD_PHONE,
  MDG_ORG_FIELD_EMAIL,
  MDG_ORG_FIELD_NOTES,
  MDG_ORG_FIELD_ACTIVE,
  MDG_ORG_N_FIELDS,
} MdgOrgField;

void       mdg_org_free                (MdgOrg      *org);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgOrg, mdg_org_free)

char      *mdg_org_check               (const MdgOrg *org,
                                        MdgFlow      *flow,
                                        const char   *language,
                                        MdgOrgField  *field);
gboolean   mdg_orgs_save               (MdgStore    *store,
                                        MdgFlow     *flow,
                                        MdgOrg      *org,
                                        const char  *language,
                                        MdgOrgField *field,
                                        GError     **error);
GPtrArray *mdg_orgs_list               (MdgStore    *store,
                                        gboolean     active_only,
                                        GError     **error);
MdgOrg    *mdg_orgs_lookup             (MdgStore    *store,
                                        const char  *id_or_name,
                                        GError     **error);
char      *mdg_orgs_describe           (MdgFlow     *flow,
                                        const char  *step_id,
                                        char       **choices,
                                        const char  *language,
                                        const char  *separator);

/* Imports the CSV in `data` (UTF-8 with or without BOM, or CP932). Each rejected row adds
 * "line N: why" to `rejected`. Without skip_bad one rejected row fails the whole import and
 * nothing changes. Rows are matched to the directory by name: a known name is updated. */
gboolean   mdg_orgs_import             (MdgStore    *store,
                                        MdgFlow     *flow,
                                        const char  *data,
                                        gsize        length,
                                        gboolean     skip_bad,
                                        guint       *n_imported,
                                        GPtrArray   *rejected,
                                        GError     **error);
gboolean   mdg_orgs_export             (MdgStore      *store,
                                        MdgFlow       *flow,
                                        const char    *language,
                                        GOutputStream *out,
                                        GError       **error);
gboolean   mdg_orgs_export_to_file     (MdgStore    *store,
                                        MdgFlow     *flow,
                                        const char  *language,
                                        const char  *path,
                                        GError     **error);

G_END_DECLS
