#!/usr/bin/env python3
"""Compare prlint's `agreement` and `spelling` with Grammalecte and
`hunspell -l` on the same texts; prints the Markdown table of
docs/release-checks.md ("Agreement").

Usage (from the repository root, after `cargo build --release`):
  python3 scripts/peer-compare.py [--real DIR]

DIR holds real releases named NN_LANG_*.txt and a real.json listing their
defects (file, category, line); without it only the fixtures are compared.
Counts only: no text of the releases is printed. Grammalecte
(`grammalecte-cli`, Debian) checks French only; its noun-group agreement
errors are those of type "gn". `hunspell -l` lists the words its
dictionaries do not know (distinct words counted).
"""
import argparse
import json
import pathlib
import shutil
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
PRLINT = ROOT / "target" / "release" / "prlint"
HUNSPELL_DICTS = {"fr": "fr", "nl": "nl", "en": "en_GB,en_US", "de": "de_DE"}
# The agreement errors written into the fixtures: {file: {line: count}}
# (the traps files hold none).
FIXTURE_ERRORS = {
    "errors.fr.txt": {3: 1, 5: 2, 7: 2},  # les thématique; ces mesure, des bénévole; une projet, les nouveaux moyen
    "errors.en.txt": {3: 1, 5: 3, 7: 1},  # results … is; these volunteer, a informations, every households; head … are
    "errors.nl.txt": {3: 1, 5: 1},  # de huis; het stad
    "errors.de.txt": {3: 1, 5: 2},  # jeden Gerät; dem Stadt, ein Liste
}


def prlint_lines(path, lang, rule):
    out = subprocess.run(
        [str(PRLINT), "check", "--select", rule, "--lang", lang, "--format", "json", str(path)],
        capture_output=True, text=True,
    ).stdout
    try:
        data = json.loads(out or "[]")
    except json.JSONDecodeError:
        return []
    if isinstance(data, dict):
        data = data.get("diagnostics", [])
    return [d.get("line") for d in data if d.get("rule") == rule]


def grammalecte_lines(path):
    """Lines (one paragraph a line, `iParagraph`) of Grammalecte's noun-group
    agreement errors, and the count of
    all its grammar errors that are not typography."""
    if not shutil.which("grammalecte-cli"):
        return None, None
    r = subprocess.run(["grammalecte-cli", "-f", str(path), "-j"], capture_output=True, text=True)
    try:
        data = json.loads(r.stdout)
    except json.JSONDecodeError:
        return None, None
    gn, other = [], 0
    for p in data.get("data", []):
        for e in p.get("lGrammarErrors", []):
            if e.get("sType") == "gn":
                gn.append(p.get("iParagraph"))
            elif e.get("sType") not in ("nbsp", "typo", "esp", "apos", "maj", "num", "eif"):
                other += 1
    return gn, other


def hunspell_words(path, lang):
    if not shutil.which("hunspell"):
        return None
    r = subprocess.run(
        ["hunspell", "-l", "-d", HUNSPELL_DICTS[lang], "-i", "utf-8", str(path)],
        capture_output=True, text=True,
    )
    return len(set(r.stdout.split()))


def lang_of(name):
    for part in reversed(name.replace("_", ".").split(".")):
        if part in HUNSPELL_DICTS:
            return part
    return "en"


def score(lines, exp):
    """(finds, others) of reported lines against {line: count}."""
    left = dict(exp)
    finds = others = 0
    for ln in lines:
        if left.get(ln, 0) > 0:
            left[ln] -= 1
            finds += 1
        else:
            others += 1
    return finds, others


def row(label, files, expected):
    """expected: {path: {line: count}} of the agreement defects listed."""
    want = sum(sum(expected.get(f, {}).values()) for f in files)
    pl_find = pl_fp = g_find = g_fp = 0
    g_other = 0
    g_used = False
    hun = 0
    for f in files:
        lang = lang_of(f.name)
        exp = expected.get(f, {})
        a, b = score(prlint_lines(f, lang, "agreement"), exp)
        pl_find += a
        pl_fp += b
        if lang == "fr":
            gn, other = grammalecte_lines(f)
            if gn is not None:
                g_used = True
                g_other += other
                a, b = score(gn, exp)
                g_find += a
                g_fp += b
        hun += hunspell_words(f, lang) or 0
    g = f"{g_find} / {want} | {g_fp} | {g_other}" if g_used else "– | – | –"
    return f"| {label} | {pl_find} / {want} | {pl_fp} | {g} | {hun} |"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--real", type=pathlib.Path)
    args = ap.parse_args()
    print("| texts | prlint `agreement` finds | its other findings | Grammalecte `gn` finds | its other `gn` findings | its other grammar findings | `hunspell -l` unknown words |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    fx = ROOT / "fixtures" / "agreement"
    for lang in ("fr", "en", "nl", "de"):
        files = sorted(fx.glob(f"*.{lang}.txt"))
        expected = {f: FIXTURE_ERRORS.get(f.name, {}) for f in files}
        print(row(f"fixtures/agreement, {lang.upper()} ({len(files)} files)", files, expected))
    if args.real:
        truth = json.loads((args.real / "real.json").read_text(encoding="utf-8"))
        expected = {}
        for t in truth:
            lines = {}
            for d in t.get("defects", []):
                if d["category"] == "agreement":
                    lines[d["line"]] = lines.get(d["line"], 0) + 1
            expected[args.real / t["file"]] = lines
        for lang in ("fr", "en", "nl", "de"):
            files = sorted(args.real.glob(f"*_{lang}_*.txt"))
            print(row(f"real releases, {lang.upper()} ({len(files)})", files, expected))


if __name__ == "__main__":
    main()
