#!/bin/sh
# Fails when a source file that marks strings for translation is missing from POTFILES.in,
# or when POTFILES.in names a file that does not exist.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top"
status=0
listed=$(grep -v '^[[:space:]]*#' po/POTFILES.in | sed '/^[[:space:]]*$/d')
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in names $f, which does not exist"
    status=1
  fi
done
for f in $(grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_)\(' --include='*.c' app) \
         $(grep -rl 'translatable="yes"' resources/ui 2>/dev/null); do
  if ! printf '%s\n' "$listed" | grep -qx "$f"; then
    echo "$f marks strings for translation but is missing from po/POTFILES.in"
    status=1
  fi
done
exit $status
