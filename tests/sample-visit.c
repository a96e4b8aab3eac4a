/* sample-visit.c: one plausible visit through the default flow, for the programs beside the
 * suites (the killed writer, the benchmark) that cannot use Criterion's fixtures. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sample-visit.h"

/* Six answers (purpose, two themes, who, stage, follow-up) and a line of details. */
MdgVisit *
sample_visit_new (MdgFlow *flow)
{
  MdgVisit *visit = mdg_visit_new (flow);

  mdg_visit_advance (visit);
  mdg_visit_choose (visit, "start");
  mdg_visit_toggle (visit, "children");
  mdg_visit_toggle (visit, "disaster");
  mdg_visit_advance (visit);
  mdg_visit_choose (visit, "neighborhood");
  mdg_visit_choose (visit, "preparing");
  mdg_visit_set_text (visit, "details", "防災訓練を子ども向けに開きたい");
  mdg_visit_advance (visit);
  mdg_visit_choose (visit, "qr");
  g_assert_cmpstr (mdg_step_get_id (mdg_visit_get_step (visit)), ==, "review");
  return visit;
}
