#!/usr/bin/env bash
# Runs two tidemark binaries on the same pipeline and compares every file they write, byte for byte, except the
# stage measurements of run.json (duration_ms, cpu_ms, peak_rss_kib), which are normalised to 0 first, and the
# `background` marker of a stage.
#
#   tools/compare_runs.sh OLD_BINARY NEW_BINARY PIPELINE.yaml [WORKDIR]
#
# Both binaries run on one copy of the pipeline's folder, each from an empty warehouse, with the same clock and
# customer key. Prints the per-stage figures of both runs and `IDENTICAL` or the differing
# files; exits 1 on any difference. Used to check that a speed change leaves every output unchanged.
set -euo pipefail
old=$(readlink -f "$1"); new=$(readlink -f "$2"); pipeline=$(readlink -f "$3")
work=${4:-$(mktemp -d /tmp/tidemark-compare.XXXXXX)}
src=$(dirname "$pipeline")
export TIDEMARK_NOW=${TIDEMARK_NOW:-2026-11-22T06:00:00Z}
export TIDEMARK_CUSTOMER_KEY=${TIDEMARK_CUSTOMER_KEY:-compare-runs-fixed-key}
# `"background": true` marks the stage run on a worker thread (added 2026-12-03 with CLV beside the sales pass): it
# is dropped too, so that builds before and after that change compare equal.
normalise() { sed -E 's/"(duration_ms|cpu_ms|peak_rss_kib)" *: *[0-9]+/"\1": 0/g; /"background" *: *true,?$/d' "$1"; }
# One copy of the inputs (same paths and modification times for both runs); each run starts from an empty
# warehouse and its reports are moved aside afterwards.
rm -rf "$work"; mkdir -p "$work/inputs"
(cd "$src" && find . -path ./reports -prune -o -name 'warehouse.sqlite*' -prune -o -name 'customer-key.secret' -prune \
  -o -name '*.log' -prune -o -type f -print0 | xargs -0 -I{} cp -p --parents {} "$work/inputs/")
for side in old new; do
  bin=$old; [ "$side" = new ] && bin=$new
  (cd "$work/inputs" && rm -rf reports warehouse.sqlite* customer-key.secret)
  set +e
  "$bin" run "$work/inputs/$(basename "$pipeline")" --fail-on never --log-format json > "$work/$side.log" 2>&1
  echo "$side: exit $?"
  set -e
  out=$(find "$work/inputs/reports" -name run.json -printf '%h\n' | head -1)
  mv "$out" "$work/$side"
done
old_out="$work/old"
new_out="$work/new"
diffs="$work/diffs.txt"; : > "$diffs"
{ (cd "$old_out" && find . -type f); (cd "$new_out" && find . -type f); } | sort -u | while read -r f; do
  if [ ! -f "$old_out/$f" ] || [ ! -f "$new_out/$f" ]; then echo "only one side has $f" >> "$diffs"; continue; fi
  if [ "$(basename "$f")" = run.json ]; then
    cmp -s <(normalise "$old_out/$f") <(normalise "$new_out/$f") || echo "differs: $f" >> "$diffs"
  else
    cmp -s "$old_out/$f" "$new_out/$f" || echo "differs: $f" >> "$diffs"
  fi
done
cat "$diffs"
python3 - "$old_out/run.json" "$new_out/run.json" <<'EOF'
import json, sys
for side, path in zip(("old", "new"), sys.argv[1:]):
    stages = json.load(open(path))["stages"]
    print(side + ": " + ", ".join(f'{s["name"]} {s["duration_ms"]/1000:.2f}s wall {s["cpu_ms"]/1000:.2f}s cpu {s["peak_rss_kib"]//1024}MiB' for s in stages))
EOF
if [ -s "$diffs" ]; then echo DIFFERENT; exit 1; fi
echo IDENTICAL
