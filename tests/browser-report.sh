#!/usr/bin/env bash
# Renders the HTML report of the example release in headless Chromium and
# checks what a reader sees: the repeated phrase and the duplicated headline
# highlighted, their cards shown, the CSS-only filter hiding a rule, the
# page running no script. Writes a screenshot (SCREENSHOT=path to keep it).
#
# Usage: tests/browser-report.sh [PRLINT_BINARY]
# Skips (exit 0) when Debian's chromium is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=""
for b in chromium chromium-browser; do
    command -v "$b" >/dev/null 2>&1 && browser="$b" && break
done
if [ -z "$browser" ]; then
    echo "browser-report: skipped (no chromium; apt-get install -y chromium)"
    exit 0
fi
prlint="${1:-${PRLINT:-target/debug/prlint}}"
if [ ! -x "$prlint" ]; then
    cargo build -q
    prlint=target/debug/prlint
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
release=fixtures/examples/release-fr.txt
"$prlint" check --no-config --format html -o "$work/report.html" "$release" || [ $? -eq 1 ]

chrome() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>>"$work/chromium.log"
}

# 1. The page as the browser built it (the report has no script of its own).
chrome --dump-dom "file://$work/report.html" >"$work/dom.html"

# 2. What is visible: a harness page loads the report in a frame and reads
#    the computed layout and styles, then unticks the repeated-word filter.
cat >"$work/harness.html" <<'EOF'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>harness</title></head>
<body><iframe id="f" src="report.html" width="1000" height="1400"></iframe><pre id="out">not run</pre>
<script>
const f = document.getElementById('f');
f.addEventListener('load', () => {
  const out = [];
  try {
    const d = f.contentDocument, w = f.contentWindow;
    const shown = el => { const r = el.getBoundingClientRect(); const s = w.getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.display !== 'none' && s.visibility !== 'hidden'; };
    const tinted = el => w.getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)';
    const marks = [...d.querySelectorAll('mark')];
    const find = (text, cls) => marks.find(m => m.textContent === text && m.classList.contains(cls));
    const rep = find('soutien de la', 'p'), first = find('soutien de la', 's');
    out.push('repeated-phrase primary ' + (rep && shown(rep) && tinted(rep) ? 'highlighted' : 'MISSING'));
    out.push('repeated-phrase first ' + (first && shown(first) ? 'marked' : 'MISSING'));
    const headline = 'La Ville de Namur inaugure sa nouvelle passerelle cyclable';
    const h1 = find(headline, 's'), h3 = find(headline, 'p');
    out.push('headline copy ' + (h3 && shown(h3) && tinted(h3) ? 'highlighted' : 'MISSING'));
    out.push('headline first ' + (h1 && shown(h1) ? 'marked' : 'MISSING'));
    out.push('primary and label styles ' + (h1 && h3 && w.getComputedStyle(h1).borderBottomStyle !== w.getComputedStyle(h3).borderBottomStyle ? 'distinct' : 'SAME'));
    const cards = [...d.querySelectorAll('.card')].filter(shown);
    out.push('cards shown ' + cards.length);
    out.push('scripts in report ' + d.querySelectorAll('script').length);
    const label = [...d.querySelectorAll('nav label')].find(l => l.textContent.startsWith('repeated-word'));
    d.getElementById(label.htmlFor).click();
    out.push('after unticking repeated-word: cards shown ' + [...d.querySelectorAll('.card')].filter(shown).length
      + ', phrase tinted ' + tinted(rep));
  } catch (e) { out.push('ERROR ' + e); }
  document.getElementById('out').textContent = out.join('\n');
});
</script></body></html>
EOF
chrome --allow-file-access-from-files --virtual-time-budget=5000 --dump-dom \
    "file://$work/harness.html" >"$work/harness.out"

shot="${SCREENSHOT:-$work/report.png}"
chrome --hide-scrollbars --window-size=900,1250 --screenshot="$shot" \
    "file://$work/report.html" >/dev/null

fail=0
expect() { # FILE TEXT
    if grep -qF -- "$2" "$1"; then echo "ok: $2"; else echo "FAILED: $2" >&2; fail=1; fi
}
expect "$work/dom.html" '<mark class="p sev-error r2" title="repeated-word: the phrase &quot;soutien de la&quot; is repeated">soutien de la</mark>'
expect "$work/dom.html" '<mark class="p sev-error r1" title="duplicate-paragraph: the headline is repeated">La Ville de Namur inaugure sa nouvelle passerelle cyclable</mark>'
expect "$work/harness.out" 'repeated-phrase primary highlighted'
expect "$work/harness.out" 'repeated-phrase first marked'
expect "$work/harness.out" 'headline copy highlighted'
expect "$work/harness.out" 'headline first marked'
expect "$work/harness.out" 'primary and label styles distinct'
expect "$work/harness.out" 'cards shown 5'
expect "$work/harness.out" 'scripts in report 0'
expect "$work/harness.out" 'after unticking repeated-word: cards shown 4, phrase tinted false'
if [ -n "${SCREENSHOT:-}" ] && command -v pngquant >/dev/null 2>&1; then
    pngquant --quality 60-85 --speed 1 --strip --force -o "$shot" "$shot" || true
fi
if [ -s "$shot" ]; then echo "ok: screenshot $(wc -c <"$shot") bytes"; else echo "FAILED: no screenshot" >&2; fail=1; fi
if [ "$fail" -ne 0 ]; then
    sed -n '/<pre id="out">/,/<\/pre>/p' "$work/harness.out" >&2
    tail -5 "$work/chromium.log" >&2
    exit 1
fi
echo "browser-report: passed"
