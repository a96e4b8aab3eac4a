#!/bin/sh
# test.sh: installs what is needed, builds, and runs every test: the data and translation checks
# through meson, then all Criterion suites in one run whose closing line is Criterion's Synthesis.
# Without a display it runs itself again under xvfb-run.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

if [ "${MDG_TEST_UNDER_XVFB:-}" != 1 ]; then
  build-aux/install-deps.sh
  build-aux/build.sh
  if [ -z "${DISPLAY:-}" ]; then
    # -noreset: Xvfb otherwise resets whenever its last client leaves, and a test connecting
    # in that moment finds no display.
    MDG_TEST_UNDER_XVFB=1 exec xvfb-run -a -s '-screen 0 1920x1080x24 -noreset' "$0" "$@"
  fi
fi

meson test -C _build --no-suite criterion --print-errorlogs

# The environment tests/meson.build gives the suites, from the file it writes.
. "$top/_build/tests/test-env.sh"
exec "$top/_build/tests/madoguchi-tests" "$@"
