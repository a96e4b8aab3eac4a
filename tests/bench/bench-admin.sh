#!/bin/sh
# bench-admin.sh: madoguchi-admin list against the sqlite3 shell running the very statements list
# runs (written down by sql-trace.so), on the same file, read-only; prints both medians and
# their ratio (issue 18: at most 2). Warm cache, and with --cold after dropping the page cache.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by hand from the worktree after build-aux/build.sh (needs hyperfine, sqlite3, python3):
#   tests/bench/bench-admin.sh [--cold] [DB [DAY]]   (default: /tmp/bigdb/million.db, today)
# The file is only read. The two commands take turns in ROUNDS rounds (default 10) of RUNS runs
# each (default 30), so a change of load on a shared machine falls on both alike; the medians
# are over all rounds, and still move with the load: compare figures taken together. MADOGUCHI_ADMIN=PROGRAM measures another build. The environment passes through: for
# the installed kiosk's conditions, prefix GSETTINGS_SCHEMA_DIR=_build/data and
# MADOGUCHI_LOCALEDIR=_build/po (its settings and Japanese labels).
set -eu

build=${MDG_BUILD_DIR:-$(pwd)/_build}
cold=
if [ "${1:-}" = --cold ]; then
  cold=1
  shift
fi
db=${1:-/tmp/bigdb/million.db}
day=${2:-$(date +%F)}
admin=${MADOGUCHI_ADMIN:-$build/app/madoguchi-admin}
rounds=${ROUNDS:-10}
runs=${RUNS:-30}

for tool in hyperfine sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "bench-admin: $tool is not installed" >&2; exit 1; }
done
[ -r "$db" ] || { echo "bench-admin: cannot read $db" >&2; exit 1; }
folder=$(mktemp -d /tmp/bench-admin-XXXXXX)
trap 'rm -rf "$folder"' EXIT INT TERM

# The statements exactly as list ran them, parameters filled in.
MDG_SQL_TRACE=$folder/list.sql LD_PRELOAD=$build/tests/bench/sql-trace.so \
  "$admin" list --date "$day" --db "$db" >"$folder/list.out"
[ -s "$folder/list.sql" ] || { echo "bench-admin: no statements traced (sql-trace.so?)" >&2; exit 1; }
echo "madoguchi-admin list --date $day: $(tail -n 1 "$folder/list.out")"
echo "its $(wc -l <"$folder/list.sql") statements, given to sqlite3 -readonly:"
sed -n 's/^/  /; 1,12p' "$folder/list.sql"

# hyperfine's options; the positional arguments are read already.
set -- -N --style none --runs "$runs" --warmup 10
if [ -n "$cold" ]; then
  [ -w /proc/sys/vm/drop_caches ] || { echo "bench-admin: cannot drop the page cache here" >&2; exit 1; }
  set -- -N --style none --runs "$runs" --warmup 0 \
    --prepare "sh -c 'sync; echo 3 > /proc/sys/vm/drop_caches'"
fi
for round in $(seq "$rounds"); do
  hyperfine "$@" --export-json "$folder/round-$round.json" \
    "$admin list --date $day --db $db" "sqlite3 -readonly $db '.read $folder/list.sql'"
done

python3 - "$folder"/round-*.json <<'EOF'
import json, statistics, sys

times = [[], []]
for path in sys.argv[1:]:
    with open(path) as f:
        for i, result in enumerate(json.load(f)["results"]):
            times[i] += result["times"]
admin, shell = (statistics.median(t) * 1000 for t in times)
print(f"madoguchi-admin list: median {admin:.2f} ms over {len(times[0])} runs")
print(f"sqlite3 -readonly:    median {shell:.2f} ms over {len(times[1])} runs")
print(f"ratio {admin / shell:.2f} (goal ≤ 2)")
EOF
