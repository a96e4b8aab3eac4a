#!/bin/sh
# install-deps.sh: installs every Debian 12 package Madoguchi needs to build, run and test,
# and generates the ja_JP.UTF-8 and en_US.UTF-8 locales. Idempotent; quick when all is there.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

packages="
  build-essential meson ninja-build pkg-config gettext
  libgtk-4-dev libglib2.0-dev libglib2.0-dev-bin libsqlite3-dev libqrencode-dev libsodium-dev
  libcairo2-dev libpango1.0-dev libxml2-utils libcriterion-dev
  desktop-file-utils appstream sqlite3 tzdata locales fonts-noto-cjk dconf-gsettings-backend dconf-cli
  gsettings-desktop-schemas
  xvfb xauth matchbox-window-manager imagemagick zbar-tools poppler-utils
  libanthy-dev anthy
  python3 python3-pyatspi at-spi2-core dbus dbus-x11
  cups cups-bsd cups-client printer-driver-cups-pdf libcups2-dev
  libpq-dev postgresql-15
  libsoup-3.0-dev chromium systemd wrk
  libsystemd-dev cage xwayland grim util-linux
"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: these packages are missing:$missing" >&2
    echo "install-deps: run this script as root (sudo $0) to install them." >&2
    exit 1
  fi
  echo "install-deps: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

need_locale=""
for l in ja_JP.utf8 en_US.utf8; do
  locale -a 2>/dev/null | grep -qx "$l" || need_locale=yes
done
if [ -n "$need_locale" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: the ja_JP.UTF-8 and en_US.UTF-8 locales are missing; run as root." >&2
    exit 1
  fi
  sed -i -e 's/^# *\(ja_JP.UTF-8 UTF-8\)/\1/' -e 's/^# *\(en_US.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^ja_JP.UTF-8 UTF-8' /etc/locale.gen || echo 'ja_JP.UTF-8 UTF-8' >> /etc/locale.gen
  grep -q '^en_US.UTF-8 UTF-8' /etc/locale.gen || echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen
  locale-gen >/dev/null
fi
