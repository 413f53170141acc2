//! `--format html`: one self-contained page for the people who write
//! releases.
//!
//! The page holds everything it shows: its styles are inline, it loads no
//! script, font or image (a Content-Security-Policy says so to the browser
//! too), so it works offline and as a CI artifact. Per release: its name,
//! language and counts, then its text line by line with every finding
//! highlighted in place (the primary span underlined solid on a strong tint,
//! the labels dotted on a light one) and, after the line a finding ends on,
//! a card with its message, labels, notes, help and fix as a before/after.
//! The rule id links to the rule's explanation at the end of the page.
//! Several releases get a summary table first. The filter by severity and
//! rule is made of checkboxes and CSS: it works with scripts off.
//!
//! Every piece of the release is escaped, control characters are shown as
//! symbols (they are parse errors in HTML), and positions come from the
//! same byte spans as every other format, so they hold for any text.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::rule::RuleMeta;
use crate::source::Source;

use super::{plural, FileReport};

/// The page's fixed styles.
const CSS: &str = include_str!("report.css");

/// Characters of context shown on each side of a fix.
const FIX_CONTEXT: usize = 40;
/// Longest removed or inserted text shown whole in a fix (in characters).
const FIX_MAX: usize = 240;

/// One release of the report: its diagnostics and its language.
pub struct Release<'a> {
    /// The file and its diagnostics.
    pub report: &'a FileReport,
    /// The language it was checked in.
    pub lang: &'a str,
}

/// Renders the page. `errors` are inputs that could not be checked.
pub fn render(releases: &[Release], errors: &[String]) -> String {
    let rules = rules_of(releases);
    let total_len: usize = releases.iter().map(|r| r.report.source.text().len()).sum();
    let mut out = String::with_capacity(total_len + total_len / 4 + 16 * 1024);
    head(&mut out, releases, &rules);
    out.push_str("<body>\n");
    let all: Vec<&Diagnostic> = releases
        .iter()
        .flat_map(|r| &r.report.diagnostics)
        .collect();
    let has_findings = !all.is_empty();
    if has_findings {
        // The filter's checkboxes come before <main> so CSS can reach it.
        for s in SEVERITIES {
            if all.iter().any(|d| d.severity == s) {
                let _ = writeln!(
                    out,
                    "<input type=\"checkbox\" class=\"ctl\" id=\"f-s-{0}\" checked>",
                    s.name()
                );
            }
        }
        for i in 0..rules.len() {
            let _ = writeln!(
                out,
                "<input type=\"checkbox\" class=\"ctl\" id=\"f-r{i}\" checked>"
            );
        }
    }
    out.push_str("<header>\n<h1>prlint report</h1>\n<p class=\"counts\">");
    let _ = write!(
        out,
        "{} checked: {}",
        plural(releases.len(), "release", "releases"),
        counts_text(&all)
    );
    if !errors.is_empty() {
        let _ = write!(
            out,
            "; {} not checked",
            plural(errors.len(), "input", "inputs")
        );
    }
    out.push_str("</p>\n</header>\n");
    if has_findings {
        filters(&mut out, &all, &rules);
    }
    out.push_str("<main>\n");
    if !errors.is_empty() {
        out.push_str("<section class=\"release\">\n<h2>Not checked</h2>\n<ul>\n");
        for e in errors {
            out.push_str("<li>");
            esc_text(&mut out, e);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</section>\n");
    }
    if releases.len() > 1 {
        summary_table(&mut out, releases);
    }
    for (k, r) in releases.iter().enumerate() {
        release(&mut out, k, r, &rules);
    }
    if !rules.is_empty() {
        explanations(&mut out, &rules);
    }
    out.push_str("</main>\n<footer>\n<p>Made by prlint ");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str(
        ". The filters work without scripts; <code>prlint rule ID</code> prints a rule's explanation in a terminal.</p>\n</footer>\n</body>\n</html>\n",
    );
    out
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// The rules that found something, sorted by id (their index is their CSS class).
fn rules_of(releases: &[Release]) -> Vec<&'static RuleMeta> {
    let mut by_id: BTreeMap<&str, &'static RuleMeta> = BTreeMap::new();
    for d in releases.iter().flat_map(|r| &r.report.diagnostics) {
        by_id.entry(d.rule.id).or_insert(d.rule);
    }
    by_id.into_values().collect()
}

fn rule_index(rules: &[&RuleMeta], id: &str) -> usize {
    rules.iter().position(|m| m.id == id).unwrap_or(0)
}

/// `<head>`: the fixed styles and the filter rules of this page.
fn head(out: &mut String, releases: &[Release], rules: &[&RuleMeta]) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // Nothing from outside, no script: even a failure to escape could not run.
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    out.push_str("<title>prlint report");
    if let [one] = releases {
        out.push_str(": ");
        esc_text(out, one.report.source.path());
    }
    out.push_str("</title>\n<style>\n");
    out.push_str(CSS);
    let mut ids: Vec<String> = SEVERITIES
        .iter()
        .map(|s| format!("f-s-{}", s.name()))
        .collect();
    ids.extend((0..rules.len()).map(|i| format!("f-r{i}")));
    for id in &ids {
        let class = id.strip_prefix("f-s-").map_or_else(
            || id.trim_start_matches("f-").to_string(),
            |s| format!("sev-{s}"),
        );
        let _ = writeln!(
            out,
            "#{id}:not(:checked)~main .card.{class}{{display:none}}\n\
             #{id}:not(:checked)~main mark.{class}{{background:none;border-color:transparent}}\n\
             #{id}:not(:checked)~nav label[for={id}]{{opacity:.55;text-decoration:line-through}}\n\
             #{id}:not(:checked)~nav label[for={id}]::before{{content:none}}\n\
             #{id}:focus-visible~nav label[for={id}]{{outline:2px solid var(--info)}}"
        );
    }
    out.push_str("</style>\n</head>\n");
}

/// "3 errors, 2 warnings" (infos only when there are some).
fn counts_text(diags: &[&Diagnostic]) -> String {
    let n = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    if diags.is_empty() {
        return "no problems found".to_string();
    }
    let mut parts = vec![
        plural(n(Severity::Error), "error", "errors"),
        plural(n(Severity::Warning), "warning", "warnings"),
    ];
    if n(Severity::Info) > 0 {
        parts.push(plural(n(Severity::Info), "info", "infos"));
    }
    parts.join(", ")
}

/// The filter chips: one per severity and rule present.
fn filters(out: &mut String, all: &[&Diagnostic], rules: &[&RuleMeta]) {
    out.push_str("<nav aria-label=\"Filter the findings\">\n<p><span class=\"muted\">Show</span>");
    for s in SEVERITIES {
        let n = all.iter().filter(|d| d.severity == s).count();
        if n > 0 {
            let _ = write!(
                out,
                " <label for=\"f-s-{0}\" class=\"sev-{0}\">{0} ({n})</label>",
                s.name()
            );
        }
    }
    out.push_str("</p>\n<p><span class=\"muted\">Rules</span>");
    for (i, m) in rules.iter().enumerate() {
        let n = all.iter().filter(|d| d.rule.id == m.id).count();
        let _ = write!(out, " <label for=\"f-r{i}\">");
        esc_text(out, m.id);
        let _ = write!(out, " ({n})</label>");
    }
    out.push_str("</p>\n</nav>\n");
}

fn release_id(k: usize) -> String {
    format!("r{k}")
}

/// The table of releases, first on a page of several (an Infos column
/// only when there are infos).
fn summary_table(out: &mut String, releases: &[Release]) {
    let count = |r: &Release, s: Severity| {
        r.report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let infos = releases.iter().any(|r| count(r, Severity::Info) > 0);
    out.push_str("<section class=\"release\">\n<h2>Summary</h2>\n<div class=\"scroll\">\n<table>\n<thead><tr><th>Release</th><th>Language</th><th class=\"n\">Errors</th><th class=\"n\">Warnings</th>");
    if infos {
        out.push_str("<th class=\"n\">Infos</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (k, r) in releases.iter().enumerate() {
        let _ = write!(out, "<tr><td><a href=\"#{}\">", release_id(k));
        esc_text(out, r.report.source.path());
        out.push_str("</a></td><td>");
        esc_text(out, r.lang);
        let _ = write!(
            out,
            "</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            count(r, Severity::Error),
            count(r, Severity::Warning),
        );
        if infos {
            let _ = write!(out, "<td class=\"n\">{}</td>", count(r, Severity::Info));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

/// A highlighted span: a diagnostic's primary span or one of its labels.
struct Mark {
    span: std::ops::Range<usize>,
    primary: bool,
    class: String,
    /// The tooltip: rule and message, or rule and label.
    title: String,
}

/// One release: heading, counts, the text with its highlights and cards.
fn release(out: &mut String, k: usize, r: &Release, rules: &[&RuleMeta]) {
    let src = &r.report.source;
    let diags = &r.report.diagnostics;
    let rid = release_id(k);
    let _ = write!(out, "<section class=\"release\" id=\"{rid}\">\n<h2>");
    esc_text(out, src.path());
    out.push_str("</h2>\n<p class=\"counts\">Language: ");
    esc_text(out, r.lang);
    out.push_str(" · ");
    let refs: Vec<&Diagnostic> = diags.iter().collect();
    out.push_str(&counts_text(&refs));
    out.push_str("</p>\n");
    if diags.is_empty() {
        out.push_str("</section>\n");
        return;
    }
    let text = src.text();
    let nlines = src.line_count();
    // Marks and cards bucketed by line: no pass over every pair.
    let mut marks: Vec<Mark> = Vec::new();
    let mut by_line: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut cards: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, d) in diags.iter().enumerate() {
        let rule = format!("r{}", rule_index(rules, d.rule.id));
        let spans = std::iter::once((&d.span, true, &d.message))
            .chain(d.labels.iter().map(|l| (&l.span, false, &l.message)));
        for (span, primary, what) in spans {
            let span = clamp_span(text, span);
            let first = src.line_index(span.start);
            let last = if span.end > span.start {
                src.line_index(span.end - 1)
            } else {
                first
            };
            let m = marks.len();
            marks.push(Mark {
                span: span.clone(),
                primary,
                class: format!(
                    "{} sev-{} {rule}",
                    if primary { "p" } else { "s" },
                    d.severity.name()
                ),
                title: format!("{}: {what}", d.rule.id),
            });
            for l in first..=last.min(nlines.saturating_sub(1)) {
                by_line.entry(l).or_default().push(m);
            }
            if primary {
                cards.entry(last).or_default().push(i);
            }
        }
    }
    out.push_str("<div class=\"text\"");
    if !r.lang.is_empty() {
        out.push_str(" lang=\"");
        esc_attr(out, r.lang);
        out.push('"');
    }
    out.push_str(">\n");
    for l in 0..nlines {
        let line = src.line_span(l);
        let line_marks = by_line.get(&l).map(Vec::as_slice).unwrap_or(&[]);
        if line_marks.is_empty() {
            out.push_str("<div class=\"l\">");
            esc_text(out, &text[line]);
        } else {
            let _ = write!(out, "<div class=\"l\" id=\"{rid}L{}\">", l + 1);
            render_line(out, text, line, &marks, line_marks);
        }
        out.push_str("</div>\n");
        for &i in cards.get(&l).map(Vec::as_slice).unwrap_or(&[]) {
            card(out, &rid, i, &diags[i], src, rules);
        }
    }
    out.push_str("</div>\n</section>\n");
}

/// A span inside the text, on char boundaries.
fn clamp_span(text: &str, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let floor = |mut b: usize| {
        b = b.min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        b
    };
    let start = floor(span.start);
    start..floor(span.end).max(start)
}

/// One line's text with its marks, nested where spans overlap. A mark that
/// crosses lines is closed at each line end and opened again.
fn render_line(
    out: &mut String,
    text: &str,
    line: std::ops::Range<usize>,
    marks: &[Mark],
    on_line: &[usize],
) {
    let first_line_of = |m: &Mark| m.span.start >= line.start;
    // (clipped start, clipped end, mark)
    let mut clipped: Vec<(usize, usize, usize)> = on_line
        .iter()
        .map(|&m| {
            let s = marks[m].span.start.clamp(line.start, line.end);
            let e = marks[m].span.end.clamp(line.start, line.end).max(s);
            (s, e, m)
        })
        // An empty piece is a caret on the span's own line only.
        .filter(|&(s, e, m)| s < e || first_line_of(&marks[m]))
        .collect();
    // Outer (longer) spans open first; primary before labels.
    clipped.sort_by_key(|&(s, e, m)| (s, std::cmp::Reverse(e), !marks[m].primary, m));
    let mut points: Vec<usize> = vec![line.start, line.end];
    for &(s, e, _) in &clipped {
        points.push(s);
        points.push(e);
    }
    points.sort_unstable();
    points.dedup();
    let mut next = 0; // next mark in `clipped` not yet opened
    let mut active: Vec<(usize, usize, usize)> = Vec::new();
    let open = |out: &mut String, m: &Mark| {
        out.push_str("<mark class=\"");
        out.push_str(&m.class);
        out.push_str("\" title=\"");
        esc_attr(out, &m.title);
        out.push_str("\">");
    };
    for w in points
        .windows(2)
        .map(|w| (w[0], w[1]))
        .chain([(line.end, line.end)])
    {
        let (a, b) = w;
        active.retain(|&(_, e, _)| e > a);
        while next < clipped.len() && clipped[next].0 <= a {
            let c = clipped[next];
            if c.0 == c.1 {
                if c.0 == a {
                    open(out, &marks[c.2]);
                    out.push_str("</mark>");
                }
            } else if c.1 > a {
                active.push(c);
            }
            next += 1;
        }
        if a == b {
            continue;
        }
        for &(_, _, m) in &active {
            open(out, &marks[m]);
        }
        esc_text(out, &text[a..b]);
        for _ in &active {
            out.push_str("</mark>");
        }
    }
}

/// `9:114` or `9:114–127` or `9:114–10:3`.
fn range_text(src: &Source, span: &std::ops::Range<usize>) -> String {
    let s = src.line_col(span.start);
    let e = src.line_col(span.end);
    if span.is_empty() {
        format!("{}:{}", s.line, s.column)
    } else if s.line == e.line {
        format!("{}:{}–{}", s.line, s.column, e.column)
    } else {
        format!("{}:{}–{}:{}", s.line, s.column, e.line, e.column)
    }
}

/// The card of one finding.
fn card(out: &mut String, rid: &str, i: usize, d: &Diagnostic, src: &Source, rules: &[&RuleMeta]) {
    let r = rule_index(rules, d.rule.id);
    let sev = d.severity.name();
    let _ = write!(
        out,
        "<div class=\"card sev-{sev} r{r}\" id=\"{rid}d{i}\">\n<p><span class=\"sev\">{sev}</span> <a href=\"#rule-"
    );
    esc_attr(out, d.rule.id);
    out.push_str("\">");
    esc_text(out, d.rule.id);
    let line = src.line_col(d.span.start).line;
    let _ = write!(out, "</a> <a class=\"muted\" href=\"#{rid}L{line}\">");
    out.push_str(&range_text(src, &d.span));
    out.push_str("</a></p>\n<p class=\"msg\">");
    esc_text(out, &d.message);
    out.push_str("</p>\n");
    if !d.label.is_empty() {
        out.push_str("<p><span class=\"key p\">highlighted</span> ");
        esc_text(out, &d.label);
        out.push_str("</p>\n");
    }
    for l in &d.labels {
        let line = src.line_col(l.span.start).line;
        let _ = write!(
            out,
            "<p><a class=\"key s\" href=\"#{rid}L{line}\">{}</a> ",
            range_text(src, &l.span)
        );
        esc_text(out, &l.message);
        out.push_str("</p>\n");
    }
    // A location in another file (the other language version, `parity`).
    for r in &d.related {
        let at = r.source.line_col(r.span.start);
        out.push_str("<p><span class=\"key s\">");
        esc_text(
            out,
            &format!("{}:{}:{}", r.source.path(), at.line, at.column),
        );
        out.push_str("</span> ");
        esc_text(out, &r.message);
        out.push_str("</p>\n");
    }
    if !d.notes.is_empty() {
        out.push_str("<ul>\n");
        for n in &d.notes {
            out.push_str("<li>");
            esc_text(out, n);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    if let Some(h) = &d.help {
        out.push_str("<p class=\"help\">help: ");
        esc_text(out, h);
        out.push_str("</p>\n");
    }
    if let Some(f) = &d.fix {
        fix(out, src.text(), f.applicability, &f.edits);
    }
    out.push_str("</div>\n");
}

/// A fix as a before/after of the lines it touches.
fn fix(out: &mut String, text: &str, applicability: Applicability, edits: &[Edit]) {
    let valid = !edits.is_empty()
        && edits.iter().all(|e| {
            e.byte_start <= e.byte_end
                && e.byte_end <= text.len()
                && text.is_char_boundary(e.byte_start)
                && text.is_char_boundary(e.byte_end)
        })
        && edits.windows(2).all(|w| w[0].byte_end <= w[1].byte_start);
    out.push_str("<div class=\"fix\">\n<p>");
    out.push_str(match applicability {
        Applicability::Safe => "Fix (safe: <code>prlint check --fix</code> applies it)",
        Applicability::Unsafe => {
            "Fix (unsafe, read it first: <code>--fix --unsafe-fixes</code> applies it)"
        }
    });
    if let [e] = edits {
        out.push_str(": ");
        if e.replacement.is_empty() {
            out.push_str("delete");
        } else {
            out.push_str("replace with ");
            esc_text(out, &super::human::describe(&e.replacement));
        }
    }
    out.push_str("</p>\n");
    if !valid {
        out.push_str("</div>\n");
        return;
    }
    let (first, last) = (&edits[0], &edits[edits.len() - 1]);
    let floor = line_start(text, first.byte_start);
    let from = back(text, first.byte_start, FIX_CONTEXT, floor);
    let ceil = line_end(text, last.byte_end);
    let to = fwd(text, last.byte_end, FIX_CONTEXT, ceil);
    for (class, tag) in [("before", "del"), ("after", "ins")] {
        // A newline right after <pre> is dropped by the parser: give it one.
        let _ = writeln!(out, "<pre class=\"{class}\">");
        if from > floor {
            out.push('…');
        }
        let mut pos = from;
        for e in edits {
            esc_text(out, &text[pos..e.byte_start]);
            let changed = if tag == "del" {
                &text[e.byte_start..e.byte_end]
            } else {
                e.replacement.as_str()
            };
            let _ = write!(out, "<{tag}>");
            esc_text(
                out,
                &shorten(&changed.replace("\r\n", "\n").replace('\n', "↵\n")),
            );
            let _ = write!(out, "</{tag}>");
            pos = e.byte_end;
        }
        esc_text(out, &text[pos..to]);
        if to < ceil {
            out.push('…');
        }
        out.push_str("</pre>\n");
    }
    out.push_str("</div>\n");
}

/// A long removed or inserted text with its middle left out.
fn shorten(s: &str) -> String {
    let n = s.chars().count();
    if n <= FIX_MAX {
        return s.to_string();
    }
    let head: String = s.chars().take(FIX_MAX * 2 / 3).collect();
    let tail: String = s.chars().skip(n - FIX_MAX / 3).collect();
    format!("{head} … ({} more characters) … {tail}", n - FIX_MAX)
}

fn line_start(text: &str, b: usize) -> usize {
    text[..b].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

fn line_end(text: &str, b: usize) -> usize {
    text[b..].find(['\n', '\r']).map_or(text.len(), |i| b + i)
}

/// `n` characters back from byte `b`, not before `floor`.
fn back(s: &str, b: usize, n: usize, floor: usize) -> usize {
    s[floor..b]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// `n` characters on from byte `b`, not after `ceil`.
fn fwd(s: &str, b: usize, n: usize, ceil: usize) -> usize {
    if ceil <= b {
        return b;
    }
    s[b..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| b + i)
}

/// The explanations of the rules that found something.
fn explanations(out: &mut String, rules: &[&RuleMeta]) {
    out.push_str("<section class=\"release rules\" id=\"rules\">\n<h2>Rules</h2>\n");
    for m in rules {
        out.push_str("<article id=\"rule-");
        esc_attr(out, m.id);
        out.push_str("\">\n<h3>");
        esc_text(out, m.id);
        out.push_str("</h3>\n<p class=\"muted\">");
        esc_text(out, m.summary);
        let _ = write!(
            out,
            " Default severity: {}. Fix: {}.</p>\n<div class=\"expl\">",
            m.default_severity.name(),
            if m.fixable { "yes" } else { "no" }
        );
        esc_text(out, m.explanation.trim_end());
        out.push_str("</div>\n</article>\n");
    }
    out.push_str("</section>\n");
}

/// What stands for a character HTML does not allow as text (controls,
/// noncharacters), if `c` is one.
fn stand_in(c: char) -> Option<char> {
    let u = u32::from(c);
    match u {
        0x09 | 0x0A | 0x0D => None,
        0x00..=0x1F => char::from_u32(0x2400 + u),
        0x7F => Some('\u{2421}'),
        0x80..=0x9F | 0xFDD0..=0xFDEF => Some('\u{FFFD}'),
        _ if u & 0xFFFE == 0xFFFE => Some('\u{FFFD}'),
        _ => None,
    }
}

/// Escapes `s` as HTML text; a control character is shown as a symbol.
pub(crate) fn esc_text(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = rest.find(|c: char| matches!(c, '&' | '<' | '>') || stand_in(c).is_some()) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or('\0');
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => {
                let _ = write!(
                    out,
                    "<span class=\"cc\" title=\"U+{:04X}\">{}</span>",
                    u32::from(c),
                    stand_in(c).unwrap_or('\u{FFFD}')
                );
            }
        }
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// Escapes `s` for a double-quoted attribute value.
fn esc_attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(stand_in(c).unwrap_or(c)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;

    fn page(text: &str, diags: Vec<Diagnostic>) -> String {
        let report = FileReport {
            source: Source::new("r.txt", text),
            diagnostics: diags,
        };
        render(
            &[Release {
                report: &report,
                lang: "fr",
            }],
            &[],
        )
    }

    #[test]
    fn text_is_escaped_and_controls_shown() {
        let meta = &crate::rules::whitespace::META;
        let text = "<script>alert(1)</script> a\u{1}b & \"q\"\n";
        let p = page(text, vec![Diagnostic::new(meta, 0..8, "<b>x</b>")]);
        assert!(!p.contains("<script>"), "{p}");
        assert!(
            p.contains("&lt;script&gt;</mark>alert(1)&lt;/script&gt; a"),
            "{p}"
        );
        assert!(p.contains("&lt;b&gt;x&lt;/b&gt;"), "{p}");
        assert!(p.contains("\u{2401}"), "{p}");
        assert!(!p.contains('\u{1}'), "{p}");
    }

    #[test]
    fn marks_follow_non_ascii_spans_and_overlaps_nest() {
        let meta = &crate::rules::repeated_word::META;
        let text = "Café 😀\u{a0}été été fin\n";
        let s = text.find("été").unwrap();
        let e = s + "été été".len();
        let d = Diagnostic::new(meta, s + "été ".len()..e, "m")
            .with_secondary(s..s + "été".len(), "first")
            .with_secondary(s..e, "whole");
        let p = page(text, vec![d]);
        // The whole label opens first, then the first occurrence inside it.
        assert!(
            p.contains("\u{a0}<mark class=\"s sev-error r0\" title=\"repeated-word: whole\"><mark class=\"s sev-error r0\" title=\"repeated-word: first\">été</mark></mark>"),
            "{p}"
        );
        assert!(
            p.contains("<mark class=\"p sev-error r0\" title=\"repeated-word: m\">été</mark></mark> fin</div>"),
            "{p}"
        );
        assert!(p.contains("1:8–11"), "{p}");
    }

    #[test]
    fn fix_is_shown_before_and_after() {
        let meta = &crate::rules::whitespace::META;
        let text = "un  deux\n";
        let d = Diagnostic::new(meta, 2..4, "doubled space")
            .with_fix(Fix::safe(vec![Edit::replace(2..4, " ")]));
        let p = page(text, vec![d]);
        assert!(
            p.contains("<pre class=\"before\">\nun<del>  </del>deux</pre>"),
            "{p}"
        );
        assert!(
            p.contains("<pre class=\"after\">\nun<ins> </ins>deux</pre>"),
            "{p}"
        );
        assert!(p.contains("replace with a space"), "{p}");
    }

    #[test]
    fn multi_line_spans_close_at_each_line_end() {
        let meta = &crate::rules::duplicate_paragraph::META;
        let text = "ab\ncd\n";
        let p = page(text, vec![Diagnostic::new(meta, 1..4, "m")]);
        assert!(
            p.contains(
                "a<mark class=\"p sev-error r0\" title=\"duplicate-paragraph: m\">b</mark></div>"
            ),
            "{p}"
        );
        assert!(p.contains("id=\"r0L2\"><mark class=\"p sev-error r0\" title=\"duplicate-paragraph: m\">c</mark>d</div>"), "{p}");
    }
}
