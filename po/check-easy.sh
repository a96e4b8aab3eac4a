#!/bin/sh
# Fails when a visitor string has no やさしい日本語 translation in po/ja@easy.po. Visitor strings
# are every string of the files below: the flow, the visitor's pages, the idle dialog, the done
# page's print messages, the slip, the follow-up texts and the follow-up page (the server's own
# 404 and 429 pages are fixed text, not messages). The staff desk's strings may fall back to ja.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top"
visitor_files="data/flow.xml
app/ui/mdg-page.c
resources/ui/mdg-page.ui
resources/ui/mdg-window.ui
app/ui/mdg-window.c
app/ui/mdg-idle-dialog.c
app/ui/mdg-slip-printer.c
app/core/mdg-slip.c
app/core/mdg-followup.c
app/core/mdg-inquiry-list.c
app/core/mdg-followup-page.c"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The same keywords as i18n.gettext(preset: 'glib') in po/meson.build.
# shellcheck disable=SC2086
GETTEXTDATADIRS="$top/data" xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --keyword=mdg_i18n_translate_plural_in:2,3 --output="$tmp/visitor.pot" $visitor_files
if ! msgcmp "po/ja@easy.po" "$tmp/visitor.pot" 2>"$tmp/missing"; then
  echo "po/ja@easy.po lacks an easy-Japanese translation of these visitor strings:"
  cat "$tmp/missing"
  exit 1
fi
echo "po/ja@easy.po translates all $(grep -c '^msgid ' "$tmp/visitor.pot") visitor strings"
