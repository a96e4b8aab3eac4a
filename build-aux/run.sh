#!/bin/sh
# run.sh: installs what is needed, builds, and starts the kiosk in a window on this display.
# Extra arguments go to madoguchi (for example --language en or --db PATH).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/build-aux/install-deps.sh"
"$top/build-aux/build.sh"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "There is no display here: run it under a virtual one with" \
       "xvfb-run -a -s '-screen 0 1920x1080x24' build-aux/run.sh" >&2
  exit 1
fi

export GSETTINGS_SCHEMA_DIR="$top/_build/data"
export MADOGUCHI_LOCALEDIR="$top/_build/po"
export MADOGUCHI_PRINT_HELPER="$top/_build/app/print/madoguchi-print"
exec "$top/_build/app/madoguchi" --windowed "$@"
