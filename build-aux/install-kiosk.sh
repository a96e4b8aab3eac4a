#!/bin/sh
# install-kiosk.sh: turns a Debian 12 machine into a Madoguchi kiosk (programs, user madoguchi,
# its data folder and database, cage, the systemd unit, locked dconf settings), or with
# --uninstall takes all of that away again except the data folder. Idempotent.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)

usage() {
  cat <<EOF
Usage: $0 [--uninstall] [--root DIR] [--build-dir DIR]

Installs Madoguchi as a kiosk: builds and installs the programs (meson install), creates the
unprivileged user madoguchi, its data folder /var/lib/madoguchi (mode 700) and the database,
installs cage and xwayland, the unit madoguchi-kiosk.service (cage -- madoguchi on tty1,
restarted whenever it ends or stops answering the watchdog) and the dconf profile with the
center's settings locked (/etc/dconf/db/madoguchi.d/). Run it as root; running it again
changes nothing that is already in place.

  --uninstall      remove all of it; the data folder and its database are kept
  --root DIR       install into DIR instead of / (also MDG_INSTALL_ROOT=DIR): nothing on this
                   system is touched, no package is installed and systemd is not asked
  --build-dir DIR  the meson build directory (default: $top/_build)
EOF
}

say() { echo "install-kiosk: $*"; }
die() { echo "install-kiosk: $*" >&2; exit 1; }

root=${MDG_INSTALL_ROOT:-}
build=$top/_build
uninstall=
while [ $# -gt 0 ]; do
  case $1 in
    --uninstall) uninstall=1 ;;
    --root) [ $# -ge 2 ] || die "--root needs a directory"; root=$2; shift ;;
    --root=*) root=${1#--root=} ;;
    --build-dir) [ $# -ge 2 ] || die "--build-dir needs a directory"; build=$2; shift ;;
    --build-dir=*) build=${1#--build-dir=} ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1'; see $0 --help" ;;
  esac
  shift
done

[ "$(id -u)" -eq 0 ] || die "run this as root (sudo $0)"
if [ -n "$root" ]; then
  [ -d "$root" ] || die "$root: no such directory"
  root=$(cd "$root" && pwd)
  [ "$root" != / ] || root=
fi
# R prefixes every path written; on the live system it is empty.
R=$root
live=
[ -n "$R" ] || live=1
systemd_running=
[ -n "$live" ] && [ -d /run/systemd/system ] && systemd_running=1

user=madoguchi
data=/var/lib/madoguchi
unit=madoguchi-kiosk.service
wants=/etc/systemd/system/multi-user.target.wants

# Paths meson installs to, from the build directory (without the --root prefix).
installed_files() {
  meson introspect --installed "$build" | python3 -c '
import json, sys
for path in sorted(json.load(sys.stdin).values()):
    print(path)'
}

installed_path() {
  installed_files | grep "/$1\$" | head -n 1
}

# Copies src to dest (mode 644) only when it differs, so a second run changes nothing.
put() {
  if [ -f "$2" ] && cmp -s "$1" "$2"; then
    return 0
  fi
  install -D -m 644 "$1" "$2"
  say "wrote ${2#"$R"}"
}

user_field() {
  awk -F: -v u="$user" -v f="$1" '$1 == u { print $f }' "$R/etc/passwd"
}

group_exists() {
  grep -q "^$user:" "$R/etc/group"
}

# The schemas folder holds ours and maybe others; compiled again after each change.
compile_schemas() {
  dir=$1
  if ls "$dir"/*.gschema.xml >/dev/null 2>&1; then
    glib-compile-schemas "$dir"
  else
    rm -f "$dir/gschemas.compiled"
  fi
}

if [ -z "$uninstall" ]; then
  # 1. The programs.
  if [ -n "$live" ]; then
    say "installing the packages the build needs (build-aux/install-deps.sh)"
    "$top/build-aux/install-deps.sh"
  fi
  if [ ! -f "$build/build.ninja" ]; then
    say "configuring the build in $build"
    meson setup "$build" "$top" >/dev/null
  fi
  say "building in $build"
  ninja -C "$build" >/dev/null
  prefix_bin=$(dirname "$(installed_path madoguchi-admin)")
  say "installing the programs into ${R:-/}${R:+ }(meson install, under $(dirname "$prefix_bin"))"
  if [ -n "$R" ]; then
    meson install -C "$build" --no-rebuild --quiet --destdir "$R" >/dev/null
  else
    meson install -C "$build" --no-rebuild --quiet >/dev/null
  fi
  schema_dir=$R$(dirname "$(installed_path org.madoguchi.Kiosk.gschema.xml)")
  compile_schemas "$schema_dir"
  kiosk_dir=$R$(dirname "$(installed_path $unit)")

  # 2. The user and its data folder.
  if [ -n "$(user_field 1)" ]; then
    say "user $user exists"
  else
    # --prefix: the root's /etc/passwd, not this system's (no chroot needed).
    group_opt=--user-group
    ! group_exists || group_opt="--gid $user"
    # shellcheck disable=SC2086
    useradd ${R:+--prefix "$R"} --system $group_opt --no-log-init --no-create-home \
      --home-dir "$data" --shell /usr/sbin/nologin --comment "Madoguchi kiosk" "$user"
    say "created the unprivileged user $user (no login shell)"
  fi
  uid=$(user_field 3)
  gid=$(user_field 4)
  if [ -d "$R$data" ]; then
    say "data folder $data exists"
  else
    say "creating the data folder $data"
  fi
  install -d -m 700 "$R$data"
  admin_out=$("$R$prefix_bin/madoguchi-admin" init --db "$R$data/inquiries.db") \
    || die "the database in $data could not be made ready"
  say "database: ${admin_out#"$R"}"
  # The uid may be new after an uninstall and reinstall: everything in the folder is the kiosk's.
  chown -R "$uid:$gid" "$R$data"

  # 3. cage and xwayland (Debian's cage needs xwayland).
  if [ -n "$live" ]; then
    missing=
    for p in cage xwayland; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
      say "installing$missing (apt)"
      # shellcheck disable=SC2086
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      say "cage and xwayland are installed"
    fi
  else
    say "skipped: installing cage and xwayland with apt (the root $R is not the live system)"
  fi

  # 4. The unit and its PAM session, enabled at boot.
  put "$kiosk_dir/$unit" "$R/etc/systemd/system/$unit"
  put "$kiosk_dir/madoguchi-kiosk.pam" "$R/etc/pam.d/madoguchi-kiosk"
  if [ -n "$systemd_running" ]; then
    systemctl daemon-reload
    systemctl enable --quiet "$unit"
    say "enabled $unit: it starts at boot (now: systemctl start $unit)"
  else
    if [ "$(readlink "$R$wants/$unit" 2>/dev/null || true)" != "/etc/systemd/system/$unit" ]; then
      mkdir -p "$R$wants"
      ln -sfn "/etc/systemd/system/$unit" "$R$wants/$unit"
    fi
    say "enabled $unit for the next boot (systemd is not running here)"
  fi

  # 5. dconf: the center's settings, every key of the schema locked.
  put "$kiosk_dir/profile" "$R/etc/dconf/profile/madoguchi"
  if [ -f "$R/etc/dconf/db/madoguchi.d/00-center" ]; then
    say "kept the center's settings /etc/dconf/db/madoguchi.d/00-center"
  else
    put "$kiosk_dir/00-center" "$R/etc/dconf/db/madoguchi.d/00-center"
  fi
  locks=$(mktemp)
  trap 'rm -f "$locks"' EXIT
  {
    echo "# Written by install-kiosk.sh from the schema: no key can be changed in the session."
    sed -n 's|.*<key name="\([^"]*\)".*|/org/madoguchi/Kiosk/\1|p' \
      "$schema_dir/org.madoguchi.Kiosk.gschema.xml"
    echo /org/gtk/gtk4/settings/debug/enable-inspector-keybinding
    echo /org/gtk/gtk4/settings/debug/inspector-warning
  } >"$locks"
  put "$locks" "$R/etc/dconf/db/madoguchi.d/locks/00-center"
  compiled=$(mktemp)
  trap 'rm -f "$locks" "$compiled"' EXIT
  dconf compile "$compiled" "$R/etc/dconf/db/madoguchi.d" \
    || die "dconf compile refused /etc/dconf/db/madoguchi.d"
  put "$compiled" "$R/etc/dconf/db/madoguchi"

  say "done: the kiosk runs as $user from $data; check it with" \
    "madoguchi-admin health --db $data/inquiries.db"
  exit 0
fi

# --uninstall
if [ -n "$systemd_running" ]; then
  systemctl disable --now --quiet "$unit" 2>/dev/null || true
  say "stopped and disabled $unit"
fi
for f in "$wants/$unit" "/etc/systemd/system/$unit" /etc/pam.d/madoguchi-kiosk \
         /etc/dconf/profile/madoguchi /etc/dconf/db/madoguchi; do
  if [ -e "$R$f" ] || [ -L "$R$f" ]; then
    rm -f "$R$f"
    say "removed $f"
  fi
done
if [ -d "$R/etc/dconf/db/madoguchi.d" ]; then
  rm -rf "$R/etc/dconf/db/madoguchi.d"
  say "removed /etc/dconf/db/madoguchi.d (the center's settings and their locks)"
fi
[ -z "$systemd_running" ] || systemctl daemon-reload

[ -f "$build/build.ninja" ] || die "no build in $build to know what was installed (--build-dir)"
schema=
n=0
for f in $(installed_files); do
  case $f in */org.madoguchi.Kiosk.gschema.xml) schema=$R$(dirname "$f") ;; esac
  if [ -e "$R$f" ]; then
    rm -f "$R$f"
    n=$((n + 1))
  fi
  case $f in
    */madoguchi/kiosk/*|*/doc/madoguchi/*) rmdir "$R$(dirname "$f")" 2>/dev/null || true ;;
  esac
done
for d in $(installed_files | sed -n 's|/madoguchi/kiosk/.*|/madoguchi|p' | sort -u); do
  rmdir "$R$d" 2>/dev/null || true
done
[ -z "$schema" ] || [ ! -d "$schema" ] || compile_schemas "$schema"
say "removed $n installed files"

if [ -n "$(user_field 1)" ]; then
  # Without --remove: the home, which is the data folder, stays.
  userdel ${R:+--prefix "$R"} "$user"
  say "removed the user $user"
fi
# userdel keeps the group when the root's login.defs does not say USERGROUPS_ENAB.
if group_exists; then
  groupdel ${R:+--prefix "$R"} "$user"
  say "removed the group $user"
fi
if [ -d "$R$data" ]; then
  say "kept the data folder $data and its database (remove it yourself once backed up)"
fi
say "left installed: cage and xwayland (apt-get remove cage xwayland if nothing else needs them)"
