/* sample-visit.h: one plausible visit through the default flow, for the programs beside the
 * suites (the killed writer, the benchmark) that cannot use Criterion's fixtures. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-visit.h"

MdgVisit *sample_visit_new (MdgFlow *flow);
