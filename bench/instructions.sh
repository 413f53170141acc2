#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) of prlint binaries on the
# same generated releases: repeatable whatever else the machine is doing,
# so two builds can be compared on a busy machine where timings are noise.
#
#   bench/instructions.sh BIN [BIN...]
#
# Cases: 100 generated releases of ~5 KB (one run), one generated 1 MB
# release, and the shipped example release. Needs valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/instructions.sh BIN [BIN...]" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "missing valgrind" >&2; exit 2; }
cargo build --release --quiet --example gen_corpus
GEN=target/release/examples/gen_corpus
W=${BENCH_DIR:-target/bench-instr}
rm -rf "$W" && mkdir -p "$W"
$GEN "$W/archive" 100 42 0 >/dev/null
$GEN "$W/big1" 0 9 1 >/dev/null
count() { # binary, args...: instructions of one run
  local bin=$1; shift
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" check --no-config --format json "$@" \
    2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf '| binary | 100 releases | 1 MB release | example release |\n|---|---:|---:|---:|\n'
for b in "$@"; do
  printf '| %s | %s | %s | %s |\n' "$b" \
    "$(count "$b" "$W/archive/releases")" \
    "$(count "$b" "$W"/big1/*.txt)" \
    "$(count "$b" fixtures/examples/release-fr.txt)"
done
