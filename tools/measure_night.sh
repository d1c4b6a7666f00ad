#!/usr/bin/env bash
# Measures issue 7's "one night added to a year": a full run on a generated year without its last day, a rerun
# with nothing new, then the run that adds the last day's files, each timed as a whole (wall, CPU, peak) and per
# stage (from run.json).
#
#   tools/measure_night.sh CORPUS [TIDEMARK_BINARY] [WORKDIR] [DATE]
#
# CORPUS is a folder made by `tidemark generate` (e.g. /tmp/tidemark-corpus-s100.0-seed1); it is only read.
# `tools/split_night.py` copies it to WORKDIR/year without the rows of DATE (default 2026-10-31) and puts those rows
# in WORKDIR/year-night as new files; the night run copies them into WORKDIR/year first. The three runs share one
# warehouse, as a nightly schedule's runs do.
set -euo pipefail
corpus=$(readlink -f "$1")
bin=$(readlink -f "${2:-.build/release/tidemark}")
work=${3:-/tmp/tidemark-night}
date=${4:-2026-10-31}
here=$(dirname "$(readlink -f "$0")")
export TIDEMARK_CUSTOMER_KEY=${TIDEMARK_CUSTOMER_KEY:-measure-night-fixed-key}
rm -rf "$work"; mkdir -p "$work"
python3 "$here/split_night.py" "$corpus" "$work/year" --date "$date"

run() {
  local name=$1
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$bin" run "$work/year/pipeline.yaml" --fail-on never --log-format json > "$work/$name.log" 2>&1 || true
  read -r wall user sys peak < "$work/$name.time"
  python3 - "$work/year/reports/latest/run.json" "$work/$name.log" "$name" "$wall" "$user" "$sys" "$peak" <<'PY'
import json, sys
path, log, name, wall, user, sys_, peak = sys.argv[1:]
stages = json.load(open(path))["stages"]
parts = ", ".join(f"{s['name']}{'*' if s.get('background') else ''} {s['duration_ms'] / 1000:.1f} s" for s in stages)
# Rows this run loaded: the files it logged as loaded (files known from earlier runs are only listed).
new = 0
for line in open(log):
    try:
        event = json.loads(line)
    except ValueError:
        continue
    if event.get("message") == "file.loaded":
        new += int(event.get("rows.loaded", 0))
# The run resets the kernel's peak counter at each stage (for run.json), which also lowers what `time` reports at
# exit: the larger of that and the stages' peaks is the run's peak.
peak_kib = max([int(peak)] + [s.get("peak_rss_kib") or 0 for s in stages])
print(f"{name:7} wall {float(wall):6.1f} s  CPU {float(user) + float(sys_):6.1f} s  peak {peak_kib // 1024} MiB  new rows {new}  ({parts})")
PY
  echo "$wall" > "$work/$name.wall"
}

run full
run rerun
cp -r "$work/year-night/." "$work/year/"
run night
python3 - "$(cat "$work/full.wall")" "$(cat "$work/night.wall")" <<'PY'
import sys
full, night = map(float, sys.argv[1:])
print(f"night / full: {night / full * 100:.1f} % (issue 7 target: under 5 %)")
PY
echo "* ran on a worker thread beside the stages after it"
