#!/bin/sh
# start-cups.sh: makes sure a CUPS scheduler runs here with a cups-pdf queue for the printing
# tests (default madoguchi-test), whose PDFs land in /var/spool/cups-pdf/QUEUE, and two queues
# that cannot print: QUEUE-disabled (cupsdisable'd: stopped, still accepting jobs) and QUEUE-stuck
# (its device is a closed port, so a job stays "processing" until cancelled). Idempotent: quick
# when all is there. Starting cupsd and adding the queues need root, as on CI.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
queue=${1:-madoguchi-test}
out=/var/spool/cups-pdf/$queue
conf=/etc/cups/cups-pdf-$queue.conf

# Test processes run in parallel and may all call this at once: one at a time.
exec 9>"${TMPDIR:-/tmp}/madoguchi-start-cups.lock"
flock 9

need_root () {
  if [ "$(id -u)" -ne 0 ]; then
    echo "start-cups: $1; run this script as root (sudo $0)" >&2
    exit 1
  fi
}

running () {
  lpstat -r 2>/dev/null | grep -q 'scheduler is running'
}

if ! running; then
  need_root "the CUPS scheduler is not running"
  mkdir -p /run/cups
  /usr/sbin/cupsd
  tries=0
  until running; do
    tries=$((tries + 1))
    if [ $tries -gt 100 ]; then
      echo "start-cups: cupsd did not start; see /var/log/cups/error_log" >&2
      exit 1
    fi
    sleep 0.1
  done
fi

# cups-pdf reads cups-pdf-NAME.conf for a queue whose address is cups-pdf:/NAME.
if [ ! -f "$conf" ] || [ ! -d "$out" ] || ! lpstat -v "$queue" 2>/dev/null | grep -q "cups-pdf:/$queue"; then
  need_root "the $queue queue is missing"
  mkdir -p "$out"
  chmod 1777 "$out"
  printf 'Out %s\nAnonDirName %s\n' "$out" "$out" > "$conf"
  ppd=$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF_opt\.ppd/ { print $1; exit }')
  [ -n "$ppd" ] || ppd=$(lpinfo -m 2>/dev/null | awk 'tolower($0) ~ /cups-pdf/ { print $1; exit }')
  if [ -z "$ppd" ]; then
    echo "start-cups: no cups-pdf driver; install printer-driver-cups-pdf" >&2
    exit 1
  fi
  lpadmin -p "$queue" -E -v "cups-pdf:/$queue" -m "$ppd" 2>/dev/null
fi
if ! lpstat -a "$queue" 2>/dev/null | grep -q 'accepting requests' \
   || ! lpstat -p "$queue" 2>/dev/null | grep -q 'enabled'; then
  need_root "the $queue queue is not accepting jobs"
  cupsenable "$queue"
  cupsaccept "$queue"
fi

# The queues that must fail: made from the working one's driver, so nothing else is needed.
if ! lpstat -v "$queue-disabled" >/dev/null 2>&1; then
  need_root "the $queue-disabled queue is missing"
  lpadmin -p "$queue-disabled" -E -v "cups-pdf:/$queue" -P "/etc/cups/ppd/$queue.ppd" 2>/dev/null
fi
if lpstat -p "$queue-disabled" 2>/dev/null | grep -q 'enabled'; then
  need_root "the $queue-disabled queue is enabled"
  cupsdisable "$queue-disabled"
fi
# Port 9 (discard) on the loopback: nothing listens there on a test machine.
if ! lpstat -v "$queue-stuck" 2>/dev/null | grep -q 'socket://127.0.0.1:9'; then
  need_root "the $queue-stuck queue is missing"
  lpadmin -p "$queue-stuck" -E -v "socket://127.0.0.1:9" -P "/etc/cups/ppd/$queue.ppd" \
    -o printer-error-policy=retry-current-job 2>/dev/null
fi
if ! lpstat -p "$queue-stuck" 2>/dev/null | grep -q 'enabled'; then
  need_root "the $queue-stuck queue is stopped"
  cupsenable "$queue-stuck"
fi
