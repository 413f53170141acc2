#!/usr/bin/env bash
# Benchmark prlint against rg (reading every byte: the ceiling) and typos (a
# well-optimised Rust tool that also reads every word) on the same files,
# with hyperfine. Writes bench/results.md and the table in docs/robustness.md.
#
# Needs: hyperfine, rg, typos (cargo install typos-cli), /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
cargo build --release --quiet
cargo build --release --quiet --example gen_corpus
GEN=target/release/examples/gen_corpus
W=${BENCH_DIR:-target/bench}
rm -rf "$W" && mkdir -p "$W"
$GEN "$W/archive" 1000 42 0
$GEN "$W/one" 1 7 0
$GEN "$W/big1" 0 9 1
$GEN "$W/big10" 0 9 10
ONE=$(ls "$W"/one/releases/*.txt)
# The same 10 MB text on a single line (a release pasted without breaks):
# no pass may be quadratic in the line length.
tr '\n' ' ' < "$W/big10/large-10mb.fr.txt" > "$W/big10/oneline-10mb.fr.txt"
P=target/release/prlint
for t in hyperfine rg typos; do command -v $t >/dev/null || { echo "missing $t" >&2; exit 2; }; done

bench() { # name, then commands
  local name=$1; shift
  hyperfine -N -i --warmup 2 --runs "$RUNS" --export-json "$W/$name.json" "$@" >/dev/null
}
bench archive "$P check --no-config --format json $W/archive/releases" "rg --no-ignore -c . $W/archive/releases" "typos $W/archive/releases"
bench big1 "$P check --no-config --format json $W/big1/large-1mb.fr.txt" "rg --no-ignore -c . $W/big1/large-1mb.fr.txt"
bench big10 "$P check --no-config --format json $W/big10/large-10mb.fr.txt" "$P check --no-config --format json $W/big10/oneline-10mb.fr.txt"
bench one "$P check --no-config --format json $ONE" "rg --no-ignore -c . $ONE"

mean() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%.4f' % d['results'][int(sys.argv[2])]['mean'])" "$W/$1.json" "$2"; }
peak() { /usr/bin/time -f %M "$@" >/dev/null 2>"$W/time.txt" || true; tail -1 "$W/time.txt"; }

A_P=$(mean archive 0); A_R=$(mean archive 1); A_T=$(mean archive 2)
B1_P=$(mean big1 0); B1_R=$(mean big1 1); B10_P=$(mean big10 0); B10_L=$(mean big10 1)
O_P=$(mean one 0); O_R=$(mean one 1)
MEM10=$(peak $P check --no-config --format json "$W/big10/large-10mb.fr.txt")
SIZE10=$(stat -c %s "$W/big10/large-10mb.fr.txt")
ratio() { python3 -c "import sys; print('%.2f' % (float(sys.argv[1])/float(sys.argv[2])))" "$1" "$2"; }

cat > bench/results.md <<TABLE
| case | prlint | reference | ratio | target |
|---|---|---|---|---|
| 1,000 releases of ~5 KB | ${A_P} s | rg ${A_R} s / typos ${A_T} s | $(ratio $A_P $A_R)× rg, $(ratio $A_P $A_T)× typos | ≤ 10× rg, < 1× typos |
| one 1 MB release | ${B1_P} s | rg ${B1_R} s | $(ratio $B1_P $B1_R)× rg | ≤ 10× rg |
| one 10 MB release | ${B10_P} s | prlint on 1 MB ${B1_P} s | $(ratio $B10_P $B1_P)× | ≤ 11× |
| the same 10 MB on one line | ${B10_L} s | with line breaks ${B10_P} s | $(ratio $B10_L $B10_P)× | ≤ 2× |
| one 5 KB release (pre-commit) | ${O_P} s | rg ${O_R} s | $(ratio $O_P $O_R)× rg | ≤ 2× rg |
| peak memory, 10 MB release | $((MEM10 / 1024)) MB | file $((SIZE10 / 1048576)) MB | | ≤ 2× file + 20 MB |

Measured $(date -u +%Y-%m-%d) on $(nproc) cores with hyperfine ($RUNS runs, means), \`bench/run.sh\`.
TABLE
python3 - <<'PY'
import re
readme = open("docs/robustness.md").read()
table = open("bench/results.md").read()
new = re.sub(r"<!-- bench:start -->.*<!-- bench:end -->", "<!-- bench:start -->\n" + table + "<!-- bench:end -->", readme, flags=re.S)
open("docs/robustness.md", "w").write(new)
PY
cat bench/results.md
