#!/usr/bin/env bash
# Proves a change kept every finding: runs a reference prlint binary and a new
# one with `--format json` (default rules, then every rule) on the fixtures,
# the development corpus (if present) and a generated archive of 20,000
# releases, and diffs the JSON. Exit 1 on the first difference.
#
#   bench/same-findings.sh REF_BIN [NEW_BIN]   (NEW_BIN: target/release/prlint)
#
# COUNT=N changes the size of the generated archive (kept in /tmp between runs).
set -uo pipefail
cd "$(dirname "$0")/.."
REF=${1:?usage: bench/same-findings.sh REF_BIN [NEW_BIN]}
NEW=${2:-target/release/prlint}
COUNT=${COUNT:-20000}
ARCHIVE=${ARCHIVE:-/tmp/prlint-same-findings-$COUNT}
if [ ! -d "$ARCHIVE/releases" ]; then
  cargo build --release --quiet --example gen_corpus
  target/release/examples/gen_corpus "$ARCHIVE" "$COUNT" 20261202 0 >/dev/null
fi
SETS=(fixtures "$ARCHIVE/releases")
for d in /work/shared/corpus/releases /work/shared/corpus/real; do [ -d "$d" ] && SETS+=("$d"); done
OUT=$(mktemp -d)
status=0
for set in "${SETS[@]}"; do
  for sel in default all; do
    args=(check --no-config --quiet --format json)
    [ "$sel" = all ] && args+=(--select all)
    "$REF" "${args[@]}" "$set" >"$OUT/ref.json" 2>"$OUT/ref.err"; rr=$?
    "$NEW" "${args[@]}" "$set" >"$OUT/new.json" 2>"$OUT/new.err"; rn=$?
    n=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$OUT/ref.json" 2>/dev/null || echo "?")
    if [ $rr -ne $rn ] || ! cmp -s "$OUT/ref.json" "$OUT/new.json" || ! cmp -s "$OUT/ref.err" "$OUT/new.err"; then
      echo "DIFFERENT: $set ($sel rules; exit $rr vs $rn)"
      diff <(python3 -m json.tool "$OUT/ref.json" 2>/dev/null || cat "$OUT/ref.json") \
           <(python3 -m json.tool "$OUT/new.json" 2>/dev/null || cat "$OUT/new.json") | head -40
      diff "$OUT/ref.err" "$OUT/new.err" | head -10
      status=1
    else
      echo "same: $set ($sel rules): $n findings"
    fi
  done
done
rm -rf "$OUT"
exit $status
