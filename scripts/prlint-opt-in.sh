#!/usr/bin/env bash
# prlint with the opt-in dictionary groups on, for measuring them with the
# corpus scorer: score.py --prlint scripts/prlint-opt-in.sh
# (PRLINT names the binary; target/release/prlint by default).
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${PRLINT:-$here/target/release/prlint}"
cmd="$1"
shift
exec "$bin" "$cmd" --extend-select "${PRLINT_GROUPS:-spelling,grammar}" "$@"
