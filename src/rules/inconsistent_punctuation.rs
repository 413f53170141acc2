//! `inconsistent-punctuation`: typographic and straight apostrophes mixed,
//! or two quotation styles in one release (one language half at a time).

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::BlockKind;
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::source::Span;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "inconsistent-punctuation",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "Typographic and straight apostrophes (’ and ') mixed, or two quotation styles (« » and “ ”)",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Counts, in each language half of the release:
- apostrophes between two letters, typographic (’) or straight (');
- quotations by the style that opens them: « » (guillemets), “ ” (English
  curly quotes), „ “ (German and Dutch low-high quotes), " " (straight).

When two styles are used, the one used less is reported: one diagnostic
per minority style, with the count and a label on its first occurrences.

Not reported:
- one style used throughout, straight apostrophes included ("Harbour's"
  in every line of an English release is a choice, not an error);
- a bilingual release whose French half uses « » and Dutch half “ ”:
  each half is compared with itself;
- German „…“: the closing “ belongs to the „ that opened it;
- quotations inside quotations (“ ” inside « » is French typography);
- apostrophes and quotes inside URLs, e-mail addresses and `code`;
- closing single quotes (’ after a word, before a space) and leading
  elisions (’90s): only an apostrophe between two letters counts.

## Why it matters
Mixed marks betray text pasted from several sources; they show in print
and break search-and-replace in the CMS.

## Example
    Le Secrétaire d’État … Ce n'est pas un hasard …
                             ^ 1 straight apostrophe among 24 typographic ones

## Options
None.

## Fix safety
Safe: replaces each minority mark with the dominant style's mark (for
guillemets, with the no-break space the release uses inside them).
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct InconsistentPunctuation;

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(InconsistentPunctuation))
}

/// How many minority occurrences get a label.
const MAX_LABELS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Style {
    Guillemets,
    Curly,
    Low,
    Straight,
}

impl Style {
    fn marks(self) -> (&'static str, &'static str) {
        match self {
            Style::Guillemets => ("«", "»"),
            Style::Curly => ("“", "”"),
            Style::Low => ("„", "“"),
            Style::Straight => ("\"", "\""),
        }
    }
    fn name(self) -> &'static str {
        match self {
            Style::Guillemets => "« »",
            Style::Curly => "“ ”",
            Style::Low => "„ “",
            Style::Straight => "\" \"",
        }
    }
}

/// One top-level quotation: its opening mark and its closing mark, if found.
#[derive(Debug, Clone)]
struct Quote {
    style: Style,
    open: Span,
    close: Option<Span>,
}

#[derive(Default)]
struct RegionMarks {
    straight: Vec<Span>,
    curly: Vec<Span>,
    quotes: Vec<Quote>,
    /// What follows « in the dominant style (no-break space or nothing).
    inner_space: BTreeMap<String, usize>,
}

fn is_open_context(prev: Option<char>) -> bool {
    prev.is_none_or(|p| {
        p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '/' | ':' | '\u{feff}')
    })
}

/// Byte ranges not to read: URLs, e-mail addresses, `code`.
fn excluded(cx: &Context, span: &Span, text: &str) -> Vec<Span> {
    let s = &text[span.clone()];
    let mut v: Vec<Span> = cx
        .parser
        .url()
        .find_iter(s)
        .chain(cx.parser.email().find_iter(s))
        .map(|m| span.start + m.start()..span.start + m.end())
        .collect();
    if cx.doc.is_markdown() {
        let mut open: Option<usize> = None;
        for (i, c) in s.char_indices() {
            if c == '`' {
                match open.take() {
                    Some(o) => v.push(span.start + o..span.start + i + 1),
                    None => open = Some(i),
                }
            }
        }
    }
    v
}

fn scan_paragraph(cx: &Context, para: usize, marks: &mut RegionMarks) {
    let doc = cx.doc;
    let text = doc.text();
    let span = doc.paragraphs()[para].span.clone();
    let skip = excluded(cx, &span, text);
    let s = &text[span.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut stack: Vec<(Style, usize)> = Vec::new(); // style, index into quotes (usize::MAX if nested)
    for (k, &(off, c)) in chars.iter().enumerate() {
        let at = span.start + off;
        if skip.iter().any(|r| r.contains(&at)) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        let mark = at..at + c.len_utf8();
        match c {
            '\'' | '’'
                if prev.is_some_and(char::is_alphabetic)
                    && next.is_some_and(char::is_alphabetic) =>
            {
                if c == '\'' {
                    marks.straight.push(mark);
                } else {
                    marks.curly.push(mark);
                }
            }
            '«' => open(&mut stack, marks, Style::Guillemets, mark, next),
            '„' => open(&mut stack, marks, Style::Low, mark, next),
            '»' => close(&mut stack, marks, &[Style::Guillemets], mark),
            '“' => {
                if stack.last().is_some_and(|s| s.0 == Style::Low) {
                    close(&mut stack, marks, &[Style::Low], mark);
                } else {
                    open(&mut stack, marks, Style::Curly, mark, next);
                }
            }
            '”' => close(&mut stack, marks, &[Style::Curly, Style::Low], mark),
            '"' => {
                if stack.last().is_some_and(|s| s.0 == Style::Straight) {
                    close(&mut stack, marks, &[Style::Straight], mark);
                } else if is_open_context(prev) && next.is_some_and(|n| !n.is_whitespace()) {
                    open(&mut stack, marks, Style::Straight, mark, next);
                }
            }
            _ => {}
        }
    }
}

fn open(
    stack: &mut Vec<(Style, usize)>,
    marks: &mut RegionMarks,
    style: Style,
    mark: Span,
    next: Option<char>,
) {
    if stack.is_empty() {
        if style == Style::Guillemets {
            let inner = match next {
                Some(c @ ('\u{a0}' | '\u{202f}' | ' ')) => c.to_string(),
                _ => String::new(),
            };
            *marks.inner_space.entry(inner).or_default() += 1;
        }
        marks.quotes.push(Quote {
            style,
            open: mark,
            close: None,
        });
        stack.push((style, marks.quotes.len() - 1));
    } else {
        stack.push((style, usize::MAX));
    }
}

fn close(stack: &mut Vec<(Style, usize)>, marks: &mut RegionMarks, styles: &[Style], mark: Span) {
    if let Some(pos) = stack.iter().rposition(|s| styles.contains(&s.0)) {
        let (_, qi) = stack[pos];
        stack.truncate(pos);
        if let Some(q) = marks.quotes.get_mut(qi) {
            q.close = Some(mark);
        }
    }
}

impl InconsistentPunctuation {
    fn apostrophes(&self, m: &RegionMarks, out: &mut Vec<Diagnostic>) {
        let (s, c) = (m.straight.len(), m.curly.len());
        if s == 0 || c == 0 {
            return;
        }
        // The dominant style is the more frequent one; on a tie, the first used.
        let straight_major = s > c || (s == c && m.straight[0].start < m.curly[0].start);
        let (minor, major_n, minor_name, major_name, repl) = if straight_major {
            (&m.curly, s, "typographic (’)", "straight (')", "'")
        } else {
            (&m.straight, c, "straight (')", "typographic (’)", "’")
        };
        let n = minor.len();
        let mut d = Diagnostic::new(
            &META,
            minor[0].clone(),
            format!(
                "{n} {minor_name} apostrophe{} among {major_n} {major_name} ones",
                if n == 1 { "" } else { "s" }
            ),
        )
        .with_label(format!("{minor_name} apostrophe"))
        .with_help(format!("use {major_name} apostrophes throughout"));
        for sp in minor.iter().skip(1).take(MAX_LABELS - 1) {
            d = d.with_secondary(sp.clone(), "also here");
        }
        if n > MAX_LABELS {
            d = d.with_note(format!("and {} more", n - MAX_LABELS));
        }
        d = d.with_fix(Fix::safe(
            minor
                .iter()
                .map(|sp| Edit::replace(sp.clone(), repl))
                .collect(),
        ));
        out.push(d);
    }

    fn quotations(&self, m: &RegionMarks, out: &mut Vec<Diagnostic>) {
        let mut by_style: BTreeMap<Style, Vec<&Quote>> = BTreeMap::new();
        for q in &m.quotes {
            by_style.entry(q.style).or_default().push(q);
        }
        if by_style.len() < 2 {
            return;
        }
        let major = by_style
            .iter()
            .max_by_key(|(_, v)| (v.len(), std::cmp::Reverse(v[0].open.start)))
            .map(|(s, _)| *s)
            .unwrap_or(Style::Guillemets);
        let major_n = by_style.get(&major).map_or(0, Vec::len);
        let (mut o, mut c) = major.marks();
        let spaced;
        if major == Style::Guillemets {
            let inner = m
                .inner_space
                .iter()
                .max_by_key(|(_, n)| **n)
                .map(|(s, _)| s.clone())
                .unwrap_or_default();
            spaced = (format!("«{inner}"), format!("{inner}»"));
            o = &spaced.0;
            c = &spaced.1;
        }
        for (style, qs) in &by_style {
            if *style == major {
                continue;
            }
            let n = qs.len();
            let mut d = Diagnostic::new(
                &META,
                qs[0].open.clone(),
                format!(
                    "{n} quotation{} in {} among {major_n} in {}",
                    if n == 1 { "" } else { "s" },
                    style.name(),
                    major.name()
                ),
            )
            .with_label(format!("quotation in {}", style.name()))
            .with_help(format!("use {} throughout", major.name()));
            if let Some(cl) = &qs[0].close {
                d = d.with_secondary(cl.clone(), "closed here");
            }
            for q in qs.iter().skip(1).take(MAX_LABELS - 1) {
                d = d.with_secondary(q.open.clone(), "also here");
            }
            if n > MAX_LABELS {
                d = d.with_note(format!("and {} more", n - MAX_LABELS));
            }
            let mut edits = Vec::new();
            for q in qs {
                if let Some(cl) = &q.close {
                    edits.push(Edit::replace(q.open.clone(), o));
                    edits.push(Edit::replace(cl.clone(), c));
                }
            }
            if !edits.is_empty() {
                d = d.with_fix(Fix::safe(edits));
            }
            out.push(d);
        }
    }
}

impl Rule for InconsistentPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for region in doc.regions() {
            let mut marks = RegionMarks::default();
            for para in region.paras.clone() {
                if doc.paragraphs()[para].kind != BlockKind::Meta {
                    scan_paragraph(cx, para, &mut marks);
                }
            }
            self.apostrophes(&marks, out);
            self.quotations(&marks, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_fix, assert_lints};

    /// A headline, so that the text under test is body text.
    const H: &str = "Headline of the release\n\nBrussels, 3 March 2026 - The release opens with its lede here, as releases do.\n\n";

    const ID: &str = "inconsistent-punctuation";

    #[track_caller]
    fn lints(text: &str, lang: &str, n: usize) {
        assert_lints(ID, &format!("{H}{text}"), lang, n);
    }

    #[track_caller]
    fn fix(bad: &str, good: &str, lang: &str) {
        assert_fix(ID, &format!("{H}{bad}"), &format!("{H}{good}"), lang);
    }

    #[test]
    fn mixed_apostrophes() {
        fix(
            "L’accord d’hier n’est pas l'accord de demain.\n",
            "L’accord d’hier n’est pas l’accord de demain.\n",
            "fr",
        );
    }

    #[test]
    fn consistent_straight_and_urls() {
        lints(
            "Harbour's ferry isn't late. See https://example.org/it’s-here for details.\n",
            "en",
            0,
        );
    }

    #[test]
    fn quotation_styles() {
        fix(
            "« Oui », dit-il. « Non », dit-elle. “Peut-être”, dit l’autre.\n",
            "« Oui », dit-il. « Non », dit-elle. « Peut-être », dit l’autre.\n",
            "fr",
        );
        lints(
            "„Das ist gut“, sagt sie. „Ja“, sagt er. « Il dit “oui” » ok.\n",
            "de",
            1,
        );
        lints("« Il a dit “oui” hier », note-t-elle.\n", "fr", 0);
    }

    #[test]
    fn closing_single_quote_is_not_an_apostrophe() {
        lints("The ‘Harbours’ plan isn't new; it's old.\n", "en", 0);
    }
}
