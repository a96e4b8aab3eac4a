#!/bin/sh
# bench-server.sh: madoguchi-server under wrk (50 connections, 10 s each) on 127.0.0.1: the
# follow-up page of one real inquiry in a file of a million, beside /healthz; RSS before and after.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by hand from the worktree after build-aux/build.sh:
#   tests/bench/bench-server.sh [DB NUMBER]   (MADOGUCHI_SERVER=PROGRAM measures another build)
# Without DB and NUMBER it makes a file of 1,000,000 inquiries with bench-store (about a minute)
# in a temporary folder, gives one inquiry two status changes and a message, and removes the
# folder at the end. Goal: page p99 ≤ 10 ms and at least half the /healthz rate.
set -eu

build=${MDG_BUILD_DIR:-$(pwd)/_build}
. "$build/tests/test-env.sh"
command -v wrk >/dev/null || { echo "bench-server: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

server=${MADOGUCHI_SERVER:-$build/app/server/madoguchi-server}
folder=$(mktemp -d /tmp/bench-server-XXXXXX)
server_pid=
cleanup () {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$folder"
}
trap cleanup EXIT INT TERM

if [ $# -ge 2 ]; then
  db=$1
  number=$2
else
  "$build/tests/bench/bench-store" 1000000 "$folder" | grep generated
  db=$folder/million.db
  number=$(sqlite3 "$db" "SELECT number FROM inquiry WHERE id = 500000")
  "$build/app/madoguchi-admin" status "$number" working --db "$db"
  "$build/app/madoguchi-admin" reply "$number" --db "$db" \
    --message "担当の山田です。来週、地区センターの方をご紹介します。
ご都合のよい日をお知らせください。"
  "$build/app/madoguchi-admin" status "$number" connected --db "$db"
fi
token=$(sqlite3 "$db" "SELECT token FROM inquiry WHERE number = '$number'")
[ -n "$token" ] || { echo "bench-server: no inquiry $number in $db" >&2; exit 1; }
count=$(sqlite3 "$db" "SELECT count(*) FROM inquiry")

# The access log goes to a file, as the journal would take it.
# On two cores or more the server and wrk get a core each: sharing them, either stalls the
# other for a time slice, and /healthz's own p99 swings between 4 and 400 ms.
server_cpu= wrk_cpu= threads=2
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
  server_cpu="taskset -c 1" wrk_cpu="taskset -c 0" threads=1
fi
$server_cpu "$server" --db "$db" --listen 127.0.0.1:0 > "$folder/server.log" &
server_pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's/^listening on port //p' "$folder/server.log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "bench-server: madoguchi-server did not listen within 10 s" >&2; exit 1; }

base=http://127.0.0.1:$port
page="$base/followup?n=$number&t=$token&lang=ja"
status=$(curl -s -o "$folder/page.html" -w '%{http_code}' "$page")
[ "$status" = 200 ] && grep -q "$(echo "$number" | cut -d- -f2)" "$folder/page.html" \
  || { echo "bench-server: the page answered $status, not 200 with the number" >&2; exit 1; }

rss () { awk '/^VmRSS/ { print $2 }' "/proc/$server_pid/status"; }
run () {
  # $1: label, $2: URL, $3: a wrk script, if any. Prints requests per second and p50/p99 latency.
  $wrk_cpu wrk -c50 -t$threads -d10s --latency --timeout 5s ${3:+-s "$3"} "$2" > "$folder/wrk.out"
  awk -v label="$1" '
    /Requests\/sec/ { rate = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx/ { bad = $NF }
    END { printf "  %-10s %10s req/s   p50 %8s   p99 %8s%s\n", label, rate, p50, p99,
          bad ? "   NON-2XX: " bad : "" }' "$folder/wrk.out"
}

echo "madoguchi-server over $count inquiries, page of $number ($(wc -c < "$folder/page.html") bytes)"
echo "wrk -c50 -t$threads -d10s --latency, 127.0.0.1, $(nproc) cores${server_cpu:+, server and wrk on a core each}"
# A first look at the page warms SQLite's cache of the file, as days of service would.
curl -s -o /dev/null "$page"
start_rss=$(rss)
run /healthz "$base/healthz"
run page "$page"
# Each request in the next language in turn, so no two in a row share one.
cat > "$folder/languages.lua" <<EOF
local n = 0
local languages = { "ja", "en", "ja-easy" }
request = function ()
  n = n + 1
  return wrk.format ("GET", "/followup?n=$number&t=$token&lang=" .. languages[n % 3 + 1])
end
EOF
run "page ×3" "$base/" "$folder/languages.lua"
echo "  RSS        start $start_rss kB   after $(rss) kB"
