#!/usr/bin/env bash
# Seeds Fuzz/corpus/<target>/ from fixtures/ and fixtures/malformed/ (and pipelines/ for the YAML target).
# Generated corpora are git-ignored (Fuzz/.gitignore); rerunning adds missing seeds and keeps what the fuzzer found.
set -euo pipefail
cd "$(dirname "$0")/.."
C=Fuzz/corpus
mkdir -p "$C/csv_reader" "$C/value_parsers" "$C/detect_ingest" "$C/pipeline_yaml"
mapfile -t files < <(find fixtures -type f \( -name '*.csv' -o -name '*.tsv' -o -name '*.txt' \) ! -path 'fixtures/expected/*' \
  ! -path 'fixtures/drop/*' | sort)

# detect_ingest: the files as they are (the first 64 KiB; libFuzzer's -max_len is 64 KiB).
for f in "${files[@]}"; do head -c 65536 "$f" > "$C/detect_ingest/$(echo "$f" | tr '/' '_')"; done

# csv_reader: three selector bytes (dialect, encoding, limits) + the first 16 KiB of each file, with the dialect
# and encoding the file most likely has, and once more with tiny limits.
for f in "${files[@]}"; do
  name=$(echo "$f" | tr '/' '_')
  case $f in *.tsv|*.txt) d=5 ;; *) d=0 ;; esac  # 5 = TAB unquoted, 0 = comma quoted
  grep -q ';' <(head -c 2000 "$f") && [ $d = 0 ] && ! grep -q ',' <(head -1 "$f") && d=1
  enc=0
  case $f in *utf16le*) enc=2 ;; *windows1252*) enc=4 ;; *gbk*) enc=5 ;; esac
  { printf "\\x$(printf %02x $d)\\x$(printf %02x $enc)\\x00"; head -c 16384 "$f"; } > "$C/csv_reader/$name"
  { printf "\\x$(printf %02x $d)\\x$(printf %02x $enc)\\xb3"; head -c 2048 "$f"; } > "$C/csv_reader/tiny_$name"
done

# value_parsers: selector byte + one value, for every kind.
seed() { printf "\\x$(printf %02x "$1")%s" "$2" > "$C/value_parsers/$3"; }
i=0
for v in '1,234.56' '-12.50' '(12.50)' '$ 16.22' 'AU $3,000.00' 'EUR 90,00' '12.50 €' '1 234,56' '−3.10' '.5' \
  '0.000001' '9223372036854.775807' "1'234.5" 'N/A' '--' '12%' 'USD$4.00' '£7.99' '¥1200' '1.234.567,891'; do
  seed 0 "$v" "money_point_$i"; seed 1 "$v" "money_comma_$i"; seed 2 "$v" "int_point_$i"; seed 3 "$v" "int_comma_$i"
  seed $((4 + 8 * (i % 7))) "$v" "scaled_$i"; i=$((i + 1))
done
i=0
for v in '2026-09-14' '2026-09-14T08:15:00Z' '2026-09-14 08:15:00 UTC' '2026-09-14T08:15:00.123+02:00' \
  '2026-09-14T23:59:60-0700' '2026-03-29 02:30' '2026-10-25 02:30:00 +0100' '0001-01-01T00:00:00+14:00'; do
  seed 5 "$v" "iso_ts_$i"; seed 6 "$v" "iso_date_$i"; i=$((i + 1))
done
i=0
for v in '14.09.2026 08:15:00 MESZ' '14.09.2026' 'Sep 14, 2026 8:15:00 PM PDT' '14 Sep 2026 08:15:00 BST' 'Sep-14-26' \
  '14-Sep-26' 'Sept-14-2026' '2026/09/14 08:15:00' '2026/9/4 8:15' '9/14/2026 8:15 AM' '20260914' 'September 14, 2026' \
  '2026-09-14T08:15:00+0200'; do
  seed 7 "$v" "pattern_$i"; i=$((i + 1))
done

# pipeline_yaml: the pipeline files, and small variants of the demo pipeline.
cp pipelines/*.yaml "$C/pipeline_yaml/"
for f in tools/*.yaml docs/*.yaml; do [ -f "$f" ] && cp "$f" "$C/pipeline_yaml/"; done
printf 'name: x\ninputs:\n  - path: a.csv\n    layout: {}\n' > "$C/pipeline_yaml/layout_empty.yaml"
printf 'name: x\nwindows:\n  - {name: w, length: 90 days}\ninputs: []\n' > "$C/pipeline_yaml/windows.yaml"
printf 'name: &a x\ninputs: *a\n' > "$C/pipeline_yaml/alias.yaml"
echo "fuzz: corpus seeded in $C ($(find "$C" -type f | wc -l) files)" >&2
