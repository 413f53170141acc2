#!/usr/bin/env bash
# Round trip of .pre-commit-hooks.yaml with the real `pre-commit` tool.
#
# Creates a throwaway git repository whose .pre-commit-config.yaml uses THIS
# checkout (at its current commit) as the hook repository, then checks that:
#   1. a commit with a defective release is refused, with prlint's diagnostics;
#   2. a commit with a clean release passes;
#   3. the `prlint-fix` hook fixes a release in place (pre-commit refuses the
#      commit because files changed), and the re-staged commit passes.
#
# Not part of `cargo test`: it needs `pre-commit` (pip install pre-commit) and
# builds prlint with `cargo install` inside pre-commit's cache (minutes the
# first time). Only committed work is tested: pre-commit clones HEAD.
#
#   tests/pre-commit-roundtrip.sh            # fresh pre-commit cache, fresh build
#   CARGO_TARGET_DIR=$PWD/target tests/pre-commit-roundtrip.sh   # reuse builds
#
# Exit 0 when every step behaved, 1 otherwise.
set -euo pipefail

HOOK_REPO=$(cd "$(dirname "$0")/.." && pwd)
command -v pre-commit >/dev/null || { echo "needs pre-commit: pip install pre-commit" >&2; exit 2; }
REV=$(git -C "$HOOK_REPO" rev-parse HEAD)
if ! git -C "$HOOK_REPO" diff --quiet HEAD -- .pre-commit-hooks.yaml src Cargo.toml Cargo.lock rules; then
    echo "note: uncommitted changes are not tested (pre-commit clones $REV)" >&2
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$WORK/pre-commit-cache}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$WORK/target}"
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo; echo "=== $*"; }

mkdir "$WORK/repo"
cd "$WORK/repo"
git init -q .
git config user.email "press@example.org"
git config user.name "Press office"
git config commit.gpgsign false
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $HOOK_REPO
    rev: $REV
    hooks:
      - id: prlint
YAML
git add .pre-commit-config.yaml
git commit -q --no-verify -m "pre-commit config"
pre-commit install >/dev/null
step "installing the hook (cargo install of prlint at $REV)"
pre-commit install-hooks

step "1. a defective release is refused"
cat > communique.fr.txt <<'TXT'
Le conseil communal adopte le le budget 2027

Bruxelles, le 3 mars 2027 – Le conseil communal a adopté hier soir le budget de l'année prochaine.
TXT
git add communique.fr.txt
if git commit -m "defective release" > "$WORK/out1.txt" 2>&1; then
    cat "$WORK/out1.txt"; fail "the defective release was committed"
fi
cat "$WORK/out1.txt"
grep -q 'error\[repeated-word\]' "$WORK/out1.txt" || fail "prlint's diagnostic is not in the hook output"

step "2. the corrected release passes"
sed -i 's/le le budget/le budget/' communique.fr.txt
git add communique.fr.txt
git commit -m "clean release" > "$WORK/out2.txt" 2>&1 || { cat "$WORK/out2.txt"; fail "the clean release was refused"; }
cat "$WORK/out2.txt"

step "3. prlint-fix fixes in place; the re-staged commit passes"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $HOOK_REPO
    rev: $REV
    hooks:
      - id: prlint-fix
YAML
printf 'Nouvelle  salle de sport à Namur \n\nNamur, le 4 mars 2027 – La ville ouvre une salle de sport.\n' > salle.fr.txt
git add .pre-commit-config.yaml salle.fr.txt
if git commit -m "release with fixable defects" > "$WORK/out3.txt" 2>&1; then
    cat "$WORK/out3.txt"; fail "pre-commit should refuse a commit whose files the hook changed"
fi
cat "$WORK/out3.txt"
grep -q 'files were modified by this hook' "$WORK/out3.txt" || fail "the fix hook did not modify the file"
grep -q 'Nouvelle salle de sport à Namur$' salle.fr.txt || fail "the file was not fixed: $(head -1 salle.fr.txt)"
git add salle.fr.txt
git commit -m "fixed release" > "$WORK/out4.txt" 2>&1 || { cat "$WORK/out4.txt"; fail "the fixed release was refused"; }
cat "$WORK/out4.txt"

echo
echo "pre-commit round trip: 3 passed, 0 failed"
