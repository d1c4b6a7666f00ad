#!/usr/bin/env bash
# Builds and runs Tidemark's libFuzzer targets (see Fuzz/README.md).
#
#   Fuzz/run.sh build                 build every target (incremental: only when a source is newer)
#   Fuzz/run.sh TARGET SECONDS [ARGS] build if needed, seed the corpus, fuzz TARGET for SECONDS (extra args go
#                                     to libFuzzer, e.g. -jobs=2 -workers=2)
#   Fuzz/run.sh all SECONDS           replay the crash regressions, then fuzz every target for SECONDS each
#   Fuzz/run.sh regress               replay fixtures/malformed/fuzz/<target>/* once through each target
#   Fuzz/run.sh list                  the target names
#
# Targets: csv_reader, value_parsers, detect_ingest, pipeline_yaml.
#
# SwiftPM cannot build these (a libFuzzer executable must not have a `main`, and `-sanitize=fuzzer` on the whole
# package breaks the real executables), so every module the targets need is compiled here with swiftc, one
# object per module (whole-module, -O, instrumented with -sanitize=fuzzer,address), and linked with the target.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FUZZ=$ROOT/Fuzz
OUT=$FUZZ/build
TARGETS=(csv_reader value_parsers detect_ingest pipeline_yaml)
SAN=${FUZZ_SANITIZE:-fuzzer,address}
OPT=${FUZZ_OPT:--O}
mkdir -p "$OUT"

need_rebuild() {  # need_rebuild OUTPUT INPUT... : true if OUTPUT is missing or older than any input
  local out=$1; shift
  [ -e "$out" ] || return 0
  for f in "$@"; do [ "$f" -nt "$out" ] && return 0; done
  return 1
}

swift_module() {  # swift_module NAME "extra flags" SOURCES...
  local name=$1 flags=$2; shift 2
  if need_rebuild "$OUT/$name.o" "$@"; then
    echo "fuzz: compiling $name" >&2
    # shellcheck disable=SC2086
    swiftc -swift-version 5 -package-name tidemark -parse-as-library -wmo $OPT -g -enable-testing \
      -sanitize="$SAN" -module-name "$name" -emit-module -emit-module-path "$OUT/$name.swiftmodule" \
      -I "$OUT" -I Sources/CLibCSV -I Sources/CSQLite -I Sources/COpenSSL $flags \
      -c -o "$OUT/$name.o" "$@"
    touch "$OUT/$name.o"  # swiftc leaves an unchanged object untouched
  fi
}

yams_dir() {
  local d=.build/checkouts/Yams
  [ -d "$d" ] || swift package resolve >&2
  echo "$ROOT/$d"
}

build_modules() {  # build_modules full|ingest
  swift_module TidemarkCSV "" Sources/TidemarkCSV/*.swift
  swift_module TidemarkCommerce "" Sources/TidemarkCommerce/*.swift
  swift_module TidemarkIngest "" $(find Sources/TidemarkIngest -name '*.swift' | sort)
  [ "$1" = full ] || return 0
  local yams log
  yams=$(yams_dir)
  log=$ROOT/.build/checkouts/swift-log/Sources/Logging
  local c
  for c in "$yams"/Sources/CYaml/src/*.c; do
    local o=$OUT/cyaml_$(basename "$c" .c).o
    if need_rebuild "$o" "$c"; then
      clang -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$yams/Sources/CYaml/include" \
        -c -o "$o" "$c"
    fi
  done
  swift_module Yams "-D SWIFT_PACKAGE -I $yams/Sources/CYaml/include -Xcc -DYAML_DECLARE_STATIC" "$yams"/Sources/Yams/*.swift
  swift_module Logging "" $(find "$log" -name '*.swift' | sort)
  swift_module TidemarkNormalize "" Sources/TidemarkNormalize/*.swift
  swift_module TidemarkWarehouse "" Sources/TidemarkWarehouse/*.swift
  swift_module TidemarkMetrics "" Sources/TidemarkMetrics/*.swift
  swift_module TidemarkReports "" Sources/TidemarkReports/*.swift
  swift_module TidemarkPipeline "-I $yams/Sources/CYaml/include -Xcc -DYAML_DECLARE_STATIC" \
    Sources/TidemarkPipeline/*.swift
}

build_target() {  # build_target NAME
  local t=$1 objs extra=""
  case $t in
    pipeline_yaml)
      build_modules full
      extra="-I $(yams_dir)/Sources/CYaml/include -Xcc -DYAML_DECLARE_STATIC"
      objs="$OUT/TidemarkCSV.o $OUT/TidemarkCommerce.o $OUT/TidemarkIngest.o $OUT/cyaml_*.o $OUT/Yams.o $OUT/Logging.o
        $OUT/TidemarkNormalize.o $OUT/TidemarkWarehouse.o $OUT/TidemarkMetrics.o $OUT/TidemarkReports.o
        $OUT/TidemarkPipeline.o" ;;
    csv_reader|value_parsers|detect_ingest)
      build_modules ingest
      objs="$OUT/TidemarkCSV.o $OUT/TidemarkCommerce.o $OUT/TidemarkIngest.o" ;;
    *) echo "fuzz: unknown target $t (targets: ${TARGETS[*]})" >&2; exit 2 ;;
  esac
  # shellcheck disable=SC2086
  if need_rebuild "$OUT/fuzz-$t" "$FUZZ/Targets/$t.swift" $objs; then
    echo "fuzz: linking fuzz-$t" >&2
    # shellcheck disable=SC2086
    swiftc -swift-version 5 -package-name tidemark -parse-as-library $OPT -g -sanitize="$SAN" \
      -module-name "Fuzz_$t" -I "$OUT" -I Sources/CLibCSV -I Sources/CSQLite -I Sources/COpenSSL $extra \
      "$FUZZ/Targets/$t.swift" $objs -lcsv -lsqlite3 -lcrypto -o "$OUT/fuzz-$t" > "$OUT/link-$t.log" 2>&1 \
      || { grep -v 'Cannot export local symbol' "$OUT/link-$t.log" >&2; exit 1; }
  fi
}

run_target() {  # run_target NAME SECONDS [libFuzzer args]
  local t=$1 secs=$2; shift 2
  build_target "$t"
  [ -d "$FUZZ/corpus/$t" ] || "$FUZZ/make_corpus.sh" >&2
  mkdir -p "$FUZZ/artifacts/$t" "$FUZZ/logs"
  local max_len
  case $t in value_parsers) max_len=256 ;; detect_ingest) max_len=8192 ;; *) max_len=4096 ;; esac
  local dict=()
  [ -f "$FUZZ/dicts/$t.dict" ] && dict=(-dict="$FUZZ/dicts/$t.dict")
  echo "fuzz: running $t for ${secs}s (log: Fuzz/logs/$t.log)" >&2
  local status=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$OUT/fuzz-$t" "${dict[@]}" -max_total_time="$secs" \
    -print_final_stats=1 -max_len=$max_len -timeout=20 -rss_limit_mb=3072 \
    -artifact_prefix="$FUZZ/artifacts/$t/" "$@" "$FUZZ/corpus/$t" > "$FUZZ/logs/$t.log" 2>&1 || status=$?
  grep -E '^#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::peak_rss|cov:' "$FUZZ/logs/$t.log" | tail -3 >&2
  if [ $status -ne 0 ]; then
    echo "fuzz: $t FAILED (exit $status); see Fuzz/logs/$t.log and Fuzz/artifacts/$t/" >&2
    grep -E 'ERROR|Fatal error|INVARIANT|SUMMARY' "$FUZZ/logs/$t.log" | head -5 >&2
  fi
  return $status
}

regress() {  # replays every saved crash input once through its target
  local t status=0
  for t in "${TARGETS[@]}"; do
    local dir=fixtures/malformed/fuzz/$t
    [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] || continue
    build_target "$t"
    echo "fuzz: replaying $dir" >&2
    "$OUT/fuzz-$t" -runs=1 -rss_limit_mb=3072 "$dir"/* > "$FUZZ/logs/regress-$t.log" 2>&1 \
      || { echo "fuzz: regression in $t (see Fuzz/logs/regress-$t.log)" >&2; status=1; }
  done
  return $status
}

mkdir -p "$FUZZ/logs"
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}  # let ASan/libFuzzer report crashes, not the Swift backtracer
case ${1:-} in
  build) for t in "${TARGETS[@]}"; do build_target "$t"; done ;;
  list) printf '%s\n' "${TARGETS[@]}" ;;
  regress) regress ;;
  all)
    secs=${2:?usage: Fuzz/run.sh all SECONDS}
    failed=0
    regress || failed=1
    for t in "${TARGETS[@]}"; do run_target "$t" "$secs" || failed=1; done
    exit $failed ;;
  ""|-h|--help) sed -n '2,12p' "$0"; exit 2 ;;
  *) run_target "$1" "${2:?usage: Fuzz/run.sh TARGET SECONDS}" "${@:3}" ;;
esac
