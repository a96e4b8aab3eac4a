/* mdg-store.h: the SQLite file that keeps every accepted inquiry. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-inquiry.h"
#include "mdg-visit.h"

G_BEGIN_DECLS

#define MDG_STORE_SCHEMA_VERSION 6

#define MDG_TYPE_STORE (mdg_store_get_type ())
G_DECLARE_FINAL_TYPE (MdgStore, mdg_store, MDG, STORE, GObject)

/* Called with each inquiry as it is read; take a reference to keep it. */
typedef void (*MdgInquiryFunc) (MdgInquiry *inquiry,
                                gpointer    user_data);

char       *mdg_store_default_path (void);
MdgStore   *mdg_store_open         (const char  *path,
                                    GError     **error);
MdgStore   *mdg_store_open_existing (const char  *path,
                                     GError     **error);
MdgStore   *mdg_store_open_read_only (const char  *path,
                                      GError     **error);
gboolean    mdg_store_require_current (MdgStore *self,
                                       GError  **error);
void        mdg_store_close        (MdgStore    *self);
const char *mdg_store_get_path     (MdgStore    *self);
void        mdg_store_set_followup_url (MdgStore   *self,
                                        const char *url_template);
MdgInquiry *mdg_store_record_answers (MdgStore         *self,
                                     const MdgAnswers *answers,
                                     GError          **error);
MdgInquiry *mdg_store_record       (MdgStore    *self,
                                    MdgVisit    *visit,
                                    GError     **error);
MdgInquiry *mdg_store_lookup       (MdgStore    *self,
                                    const char  *number,
                                    GError     **error);
GPtrArray  *mdg_store_list_day     (MdgStore    *self,
                                    const char  *day,
                                    GError     **error);
gboolean    mdg_store_foreach_in_day (MdgStore          *self,
                                      const char        *day,
                                      const char *const *steps,
                                      MdgInquiryFunc     func,
                                      gpointer           user_data,
                                      GError           **error);
GPtrArray  *mdg_store_list_days    (MdgStore    *self,
                                    const char  *from,
                                    const char  *to,
                                    GError     **error);

G_END_DECLS
