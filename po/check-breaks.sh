#!/bin/sh
# Fails when a translation breaks a line its English does not: a fixed break is right at one
# width only, and the labels and the slip break Japanese lines by phrase (app/core/mdg-phrases.c).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=${1:-$(dirname "$0")/..}
status=0
for po in "$top/po/ja.po" "$top/po/ja@easy.po"; do
  # shellcheck disable=SC2016
  if ! msgexec -i "$po" sh -c '
    msgstr=$(cat; echo x)
    [ -z "${MSGEXEC_MSGID:-}" ] && exit 0
    case "$MSGEXEC_MSGID" in *"
"*) exit 0 ;; esac
    case "${msgstr%x}" in *"
"*) printf "%s: a line break the English lacks in the translation of: %s\n" \
          "$(basename "$1")" "$MSGEXEC_MSGID" >&2; exit 1 ;; esac
    exit 0' sh "$po"; then
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "no translation breaks a line its English does not"
exit "$status"
