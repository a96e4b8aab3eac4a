#!/bin/sh
# build.sh: configures (once) and builds Madoguchi in _build/.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
if [ ! -f _build/build.ninja ]; then
  meson setup _build --buildtype=debugoptimized
fi
ninja -C _build
