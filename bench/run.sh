#!/usr/bin/env bash
# Benchmark prlint against rg (reading every byte: the floor) and typos (a
# well-optimised Rust tool that also reads every word) on the same files,
# with hyperfine: medians of RUNS runs (at least 5). Prints the ratios of
# issue 12 and writes bench/results.md and the table in docs/robustness.md.
#
# Installs what is missing from the package registries: hyperfine and rg
# with apt-get, typos with `cargo install typos-cli`. Needs /usr/bin/time.
# The machine's load changes wall-clock figures: compare builds with
# bench/instructions.sh (callgrind), use this for the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
[ "$RUNS" -ge 5 ] || RUNS=5
need() { command -v "$1" >/dev/null; }
if ! need hyperfine || ! need rg; then
  apt-get install -y hyperfine ripgrep >/dev/null 2>&1 || { echo "cannot install hyperfine/ripgrep" >&2; exit 2; }
fi
need typos || cargo install --quiet typos-cli || { echo "cannot install typos" >&2; exit 2; }
# PRLINT=BIN benchmarks another binary (main's, for a before/after table);
# OUT=FILE writes its table there instead of bench/results.md and the docs.
P=${PRLINT:-target/release/prlint}
OUT=${OUT:-bench/results.md}
[ -n "${PRLINT:-}" ] || cargo build --release --quiet
cargo build --release --quiet --example gen_corpus
GEN=target/release/examples/gen_corpus
W=${BENCH_DIR:-target/bench}
rm -rf "$W" && mkdir -p "$W"
$GEN "$W/archive" 1000 42 0 >/dev/null
$GEN "$W/one" 1 7 0 >/dev/null
$GEN "$W/big1" 0 9 1 >/dev/null
$GEN "$W/big10" 0 9 10 >/dev/null
$GEN "$W/big50" 0 9 50 >/dev/null
ONE=$(ls "$W"/one/releases/*.txt)
B1="$W/big1/large-1mb.fr.txt"; B10="$W/big10/large-10mb.fr.txt"; B50="$W/big50/large-50mb.fr.txt"
# The same 10 MB text on a single line (a release pasted without breaks):
# no pass may be quadratic in the line length.
tr '\n' ' ' < "$B10" > "$W/big10/oneline-10mb.fr.txt"
PJ="$P check --no-config --format json"

bench() { # name, runs, then commands
  local name=$1 runs=$2; shift 2
  hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$W/$name.json" "$@" >/dev/null
}
bench archive "$RUNS" "$PJ $W/archive/releases" "rg --no-ignore -c . $W/archive/releases" "typos $W/archive/releases"
bench one "$RUNS" "$PJ $ONE" "rg --no-ignore -c . $ONE"
bench big1 "$RUNS" "$PJ $B1" "rg --no-ignore -c . $B1"
bench big10 "$RUNS" "$PJ $B10" "$PJ $W/big10/oneline-10mb.fr.txt"
bench big50 5 "$PJ $B50"

median() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%.4f' % d['results'][int(sys.argv[2])]['median'])" "$W/$1.json" "$2"; }
peak() { /usr/bin/time -f %M "$@" >/dev/null 2>"$W/time.txt" || true; tail -1 "$W/time.txt"; }
ratio() { python3 -c "import sys; print('%.2f' % (float(sys.argv[1])/float(sys.argv[2])))" "$1" "$2"; }
A_P=$(median archive 0); A_R=$(median archive 1); A_T=$(median archive 2)
O_P=$(median one 0); O_R=$(median one 1)
B1_P=$(median big1 0); B1_R=$(median big1 1)
B10_P=$(median big10 0); B10_L=$(median big10 1); B50_P=$(median big50 0)
MEM50=$(peak $PJ "$B50"); SIZE50=$(stat -c %s "$B50")
MEM10=$(peak $PJ "$B10"); SIZE10=$(stat -c %s "$B10")
mb() { python3 -c "import sys; print('%.0f' % (int(sys.argv[1]) / 1048576))" "$1"; }
LIMIT50=$(python3 -c "import sys; print('%.0f' % (4 * int(sys.argv[1]) / 1048576 + 20))" "$SIZE50")
LIMIT10=$(python3 -c "import sys; print('%.0f' % (4 * int(sys.argv[1]) / 1048576 + 20))" "$SIZE10")
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

cat > "$OUT" <<TABLE
| case | prlint | reference | ratio | target |
|---|---|---|---|---|
| 1,000 releases of 3–5 KB | ${A_P} s | rg ${A_R} s / typos ${A_T} s | $(ratio $A_P $A_R)× rg, $(ratio $A_P $A_T)× typos | ≤ 8× rg, ≤ 0.5× typos |
| one 5 KB release (pre-commit) | ${O_P} s | rg ${O_R} s | $(ratio $O_P $O_R)× rg | ≤ 2× rg |
| one 1 MB release | ${B1_P} s | rg ${B1_R} s | $(ratio $B1_P $B1_R)× rg | ≤ 8× rg |
| one 10 MB release | ${B10_P} s | prlint on 1 MB ${B1_P} s | $(ratio $B10_P $B1_P)× | ≤ 11× |
| one 50 MB release | ${B50_P} s | prlint on 10 MB ${B10_P} s | $(ratio $B50_P $B10_P)× | ≤ 5.5× |
| the same 10 MB on one line | ${B10_L} s | with line breaks ${B10_P} s | $(ratio $B10_L $B10_P)× | ≤ 2× |
| peak memory, 10 MB release | $((MEM10 / 1024)) MB | file $(mb $SIZE10) MB | | ≤ ${LIMIT10} MB (4× file + 20 MB) |
| peak memory, 50 MB release | $((MEM50 / 1024)) MB | file $(mb $SIZE50) MB | | ≤ ${LIMIT50} MB (4× file + 20 MB) |

Measured $(date -u +%Y-%m-%d) on $(nproc) cores with hyperfine (medians of $RUNS runs; 5 for 50 MB), \`bench/run.sh\`; load average at the end ${LOAD} (a shared machine: wall-clock figures move with it).
TABLE
[ "$OUT" = bench/results.md ] && python3 - <<'PY'
import re
table = open("bench/results.md").read()
for path in ("docs/robustness.md", "README.md"):
    page = open(path).read()
    new = re.sub(r"<!-- bench:start -->.*<!-- bench:end -->", "<!-- bench:start -->\n" + table + "<!-- bench:end -->", page, flags=re.S)
    open(path, "w").write(new)
PY
cat "$OUT"
