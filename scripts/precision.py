#!/usr/bin/env python3
"""Per-rule precision of prlint on a corpus of real published releases.

Usage (from the repository root, after `cargo build --release`):

    python3 scripts/precision.py PATH/TO/corpus [--prlint target/release/prlint]

PATH/TO/corpus is a folder holding real/real.json (one entry per release:
file, lang, words, defects by category and line, and the diagnostics a file
excuses) and the releases in real/. The corpus stays outside the repository;
matching (which rule finds which category, how a span covers a line) is the
corpus's own, imported from its score.py, so that this table and the score
always agree.

Prints a Markdown table: per rule, the diagnostics on the real releases, how
many match a listed defect (true), how many the corpus excuses (excused), and
the rest (false), then totals and false alarms per 10,000 words.
"""
import argparse
import collections
import importlib.util
import json
import pathlib
import subprocess
import sys


def load_scorer(corpus):
    path = corpus / "score.py"
    spec = importlib.util.spec_from_file_location("prlint_corpus_score", path)
    if spec is None or spec.loader is None:
        sys.exit(f"precision.py: {path}: cannot load the corpus scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(binary, path, lang):
    cmd = [binary, "check", "--format", "json", "--lang", lang, str(path)]
    proc = subprocess.run(cmd, capture_output=True, check=False)
    if proc.returncode not in (0, 1):
        err = proc.stderr.decode("utf-8", "replace").strip()
        sys.exit(f"precision.py: {path}: prlint exited {proc.returncode}: {err}")
    out = proc.stdout.decode("utf-8", "replace")
    return json.loads(out) if out.strip() else []


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=pathlib.Path, help="the corpus folder (holding real/real.json)")
    ap.add_argument("--prlint", default="target/release/prlint", help="the prlint binary")
    args = ap.parse_args()
    spec_path = args.corpus / "real" / "real.json"
    if not spec_path.is_file():
        sys.exit(f"precision.py: {spec_path}: no such file")
    scorer = load_scorer(args.corpus)
    binary = str(pathlib.Path(args.prlint).resolve())
    releases = json.loads(spec_path.read_text(encoding="utf-8"))
    count = collections.Counter()
    true = collections.Counter()
    excused = collections.Counter()
    words = 0
    for r in releases:
        words += r["words"]
        diags = run(binary, args.corpus / "real" / r["file"], r["lang"])
        for d in diags:
            rule = scorer.rule_of(d)
            count[rule] += 1
            if any(
                scorer.matches(d, defect["category"], {defect["line"], *defect.get("also_lines", [])})
                for defect in r["defects"]
            ):
                true[rule] += 1
            elif (
                (rule == "french-spacing" and not r.get("typography_exact", True))
                or (rule in scorer.REAL_EXCUSED_TRUNCATED and r.get("truncated"))
                or any(a["rule"] == rule and scorer.covers(d, {a["line"]}) for a in r.get("allowed", []))
            ):
                excused[rule] += 1
    print(f"{len(releases)} real releases, {words} words\n")
    print("| rule | diagnostics | true | excused | false |")
    print("|---|---:|---:|---:|---:|")
    for rule in sorted(count):
        false = count[rule] - true[rule] - excused[rule]
        print(f"| `{rule}` | {count[rule]} | {true[rule]} | {excused[rule]} | {false} |")
    total = sum(count.values())
    t, e = sum(true.values()), sum(excused.values())
    print(f"| **all** | {total} | {t} | {e} | {total - t - e} |")
    print(f"\nfalse alarms per 10,000 words: {10000 * (total - t - e) / words:.1f}")


if __name__ == "__main__":
    main()
