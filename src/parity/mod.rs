//! Translation parity: the language versions of one release say the same
//! thing.
//!
//! A cross-document check, so not a per-document rule: the CLI pairs the
//! versions ([`pairing`]), parses both, and calls [`Parity::compare`]. The
//! rule is still in the registry (with a rule that does nothing on one
//! document), so `--select`, `--ignore`, `[rules.parity]`, suppression
//! comments and `prlint rule parity` work as for every rule.
//!
//! Each version gives its anchors ([`anchors`]): figures, dates, times,
//! e-mail addresses, phone numbers, URLs, hashtags, people and acronyms,
//! normalised across languages. An anchor of one version that the other
//! does not have anywhere is a difference; it is paired with an unmatched
//! anchor of the same kind in the matching paragraph of the other version
//! ([`align`]) when there is one ("3 200" against "3 400"), and otherwise
//! reported as missing there. Structure (headline, contact block,
//! boilerplate, subheadings, paragraphs, quotes) is compared through the
//! alignment.

pub mod align;
pub mod anchors;
pub mod pairing;

use std::collections::HashSet;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Document, SectionKind};
use crate::lang::Languages;
use crate::people::PeopleData;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::source::{Source, Span};

use align::Alignment;
use anchors::{Anchor, Anchors, Finder, Key, Kind};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "parity",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "Language versions of one release that do not say the same thing (a figure, date, name, contact or paragraph in one only)",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Compares the language versions of one release (`release.fr.txt` /
`release.nl.txt`, `x-fr.md` / `x-nl.md`, `fr/x.txt` / `nl/x.txt`, the
`[[parity]]` entries of the config, or `prlint check --parity A B`) and
reports what one says and the other does not:
- figures, amounts and percentages, normalised across languages
  (3 200 = 3.200 = 3,200 = 3200; 1,5 million = 1.5 million = 1,5 miljoen;
  12 % = 12% = 12 procent; € 2,5 mln = 2,5 millions d'euros): a figure
  found in one version and nowhere in the other;
- dates and times (15 mars 2024 = 15 maart 2024 = 15.03.2024; 10 h 30 =
  10.30 uur = 10:30), and a weekday that differs between the versions
  for the same date;
- people named by the people model, acronyms written two ways
  ("UNICEF" / "UNISEF"), and brand or organisation names that no language
  translates, written in mixed case ("LinkedIn", "FarmSense": missing, or
  written two ways);
- e-mail addresses, phone numbers (+32 2 555 12 34 = 02 555 12 34), URLs
  (which may differ only in a language segment: `/fr/` and `/nl/`,
  `fr.example.be`, `?lang=fr`) and hashtags;
- structure: a headline, contact block or boilerplate in one version only,
  a subheading, paragraph or quote with no counterpart.
When the matching paragraph of the other version holds another value of
the same kind, one finding points at both ("3 200" here, "3 400" there);
otherwise the finding is in the version that has the value.

Paragraphs are matched by structure and shared anchors (no machine
translation), so a version that splits a paragraph in two still matches.

Not reported: a number written as a word in one version ("trois", "drie")
and in digits in the other; a figure rounded the same way ("3,2 millions"
for 3 176 000); a figure repeated in one version and given once in the
other; a weekday written in one version only; an acronym with no
counterpart at all (most organisations have a name per language:
SNCB / NMBS). Number words are not compared themselves.

## Why it matters
Versions drift when a draft keeps changing under time pressure: the
figure updated in French but not in Dutch, a minister missing from one
version, a phone number mistyped in one. Readers of each language get a
different release, and the office is quoted on both.

## Example
    release.fr.txt   Le budget atteint 3 200 000 euros.
    release.nl.txt   Het budget bedraagt 3.400.000 euro.
                     ^^^^^^^^^ `3 200 000` is `3.400.000` in the Dutch version

## Options
None here. Pairing is configured in `prlint.toml`: `[parity] require =
["fr", "nl"]` reports a release whose version in a required language is
missing; `[[parity.pairs]]` entries pair files by pattern
(`fr = "communiques/{name}.txt"`, `nl = "persberichten/{name}.txt"`).
See docs/parity.md.

## Fix safety
No fix: which version is right is the author's call.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

/// On one document the check has nothing to compare.
struct OneDocument;

impl Rule for OneDocument {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context, _out: &mut Vec<Diagnostic>) {}
}

fn build(opts: &RuleOptions, _langs: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    if let Some(k) = opts.keys().next() {
        anyhow::bail!("unknown option `{k}` (pairing is configured in `[parity]`)");
    }
    Ok(Box::new(OneDocument))
}

/// One language version of a release.
pub struct Version<'a> {
    /// The parsed release.
    pub doc: &'a Document,
    /// Its language code.
    pub lang: &'a str,
    /// Its source, shared with the findings that point into it.
    pub source: Arc<Source>,
}

/// The comparison, built once per run.
#[derive(Debug)]
pub struct Parity {
    finder: Finder,
}

/// The name of a language in messages.
fn lang_name(code: &str) -> String {
    match code {
        "fr" => "French".to_string(),
        "nl" => "Dutch".to_string(),
        "en" => "English".to_string(),
        "de" => "German".to_string(),
        other => format!("`{other}`"),
    }
}

/// Whether two keys are the same value.
fn same(a: &Key, b: &Key) -> bool {
    match (a, b) {
        (Key::Num(x), Key::Num(y)) => x
            .iter()
            .any(|p| y.iter().any(|q| crate::figures::close(*p, *q))),
        (Key::Date(ya, ma, da), Key::Date(yb, mb, db)) => {
            ma == mb && da == db && (ya.is_none() || yb.is_none() || ya == yb)
        }
        (Key::Time(x), Key::Time(y)) => x == y,
        (Key::Text(x), Key::Text(y)) => x == y,
        _ => false,
    }
}

/// Significant digits of a value as written ("3,2" → 2).
fn significant(v: f64) -> i32 {
    let s = format!("{}", v.abs());
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let t = digits.trim_start_matches('0');
    let t = if s.contains('.') {
        t
    } else {
        t.trim_end_matches('0')
    };
    t.len().max(1) as i32
}

/// `v` rounded to `sig` significant digits.
fn round_sig(v: f64, sig: i32) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    let mag = v.abs().log10().floor() as i32;
    let f = 10f64.powi(sig - 1 - mag);
    (v * f).round() / f
}

/// One side of the comparison.
struct Side<'a> {
    v: &'a Version<'a>,
    anchors: Anchors,
    /// The folded words, computed when a name needs them.
    words: std::sync::OnceLock<HashSet<String>>,
}

impl Side<'_> {
    fn text(&self, span: &Span) -> &str {
        self.v.doc.slice(span)
    }
}

/// Findings of a comparison, per file.
#[derive(Debug, Default)]
pub struct Findings {
    /// Diagnostics in the first version's file.
    pub a: Vec<Diagnostic>,
    /// Diagnostics in the second version's file.
    pub b: Vec<Diagnostic>,
}

impl Parity {
    /// Builds the recognisers from the language data of the run.
    pub fn new(langs: &Languages) -> Parity {
        Parity {
            finder: Finder::new(langs),
        }
    }

    /// Compares two versions of one release.
    pub fn compare(&self, a: &Version, b: &Version, people: &PeopleData) -> Findings {
        let sa = Side {
            v: a,
            anchors: self.finder.anchors(a.doc, people),
            words: std::sync::OnceLock::new(),
        };
        let sb = Side {
            v: b,
            anchors: self.finder.anchors(b.doc, people),
            words: std::sync::OnceLock::new(),
        };
        let al = align::align(a.doc, &sa.anchors, b.doc, &sb.anchors);
        let mut out = Findings::default();
        let ua = unmatched(&sa, &sb);
        let ub = unmatched(&sb, &sa);
        // Versions that share almost nothing are not versions of one release.
        let total = sa.anchors.list.len() + sb.anchors.list.len();
        let left = ua.len() + ub.len();
        if total >= 12 && left * 10 > total * 7 {
            out.a.push(
                Diagnostic::new(
                    &META,
                    first_span(a.doc),
                    format!(
                        "this release and its {} version share few figures, dates or names ({} of {} differ): are they versions of one release?",
                        lang_name(b.lang),
                        left,
                        total
                    ),
                )
                .with_label("compared with the other version")
                .with_related(b.source.clone(), first_span(b.doc), "the other version"),
            );
            return out;
        }
        // Structure first: what a missing section, paragraph or quote holds
        // is not reported again anchor by anchor.
        let covered = structure(&sa, &sb, &al, &mut out);
        let ua: Vec<&Anchor> = ua
            .into_iter()
            .filter(|x| !covered.0.contains(&x.para))
            .collect();
        let ub: Vec<&Anchor> = ub
            .into_iter()
            .filter(|x| !covered.1.contains(&x.para))
            .collect();
        self.anchor_findings(&sa, &sb, &ua, &ub, &al, &mut out);
        weekdays(&sa, &sb, &mut out);
        let sort = |v: &mut Vec<Diagnostic>| crate::linter::sort(v);
        sort(&mut out.a);
        sort(&mut out.b);
        out
    }

    fn anchor_findings(
        &self,
        sa: &Side,
        sb: &Side,
        ua: &[&Anchor],
        ub: &[&Anchor],
        al: &Alignment,
        out: &mut Findings,
    ) {
        let mut used_b: HashSet<usize> = HashSet::new();
        // Differences: an unmatched anchor with an unmatched one of the same
        // kind in the matching paragraph of the other version.
        let mut reported_a: HashSet<usize> = HashSet::new();
        for (ia, x) in ua.iter().enumerate() {
            let partner = match x.kind {
                Kind::Person | Kind::Acronym | Kind::Brand => {
                    ub.iter().enumerate().find(|(ib, y)| {
                        !used_b.contains(ib) && y.kind == x.kind && similar_name(&x.key, &y.key)
                    })
                }
                _ => al.of_a.get(&x.para).and_then(|&g| {
                    let paras = &al.groups[g].b;
                    ub.iter().enumerate().find(|(ib, y)| {
                        !used_b.contains(ib) && y.kind == x.kind && paras.contains(&y.para)
                    })
                }),
            };
            let Some((ib, y)) = partner else { continue };
            used_b.insert(ib);
            reported_a.insert(ia);
            let (ta, tb) = (sa.text(&x.span), sb.text(&y.span));
            let what = match x.kind {
                Kind::Url => "differs beyond its language segment: it is",
                Kind::Person | Kind::Acronym | Kind::Brand => "is written",
                _ => "is",
            };
            out.a.push(
                Diagnostic::new(
                    &META,
                    x.span.clone(),
                    format!(
                        "{} `{}` {what} `{}` in the {} version",
                        x.kind.noun(),
                        one_line(ta),
                        one_line(tb),
                        lang_name(sb.v.lang)
                    ),
                )
                .with_label(format!("{} version", lang_name(sa.v.lang)))
                .with_related(
                    sb.v.source.clone(),
                    y.span.clone(),
                    format!("{} version", lang_name(sb.v.lang)),
                ),
            );
        }
        // What is left is missing from the other version.
        let missing = |me: &Side,
                       other: &Side,
                       list: Vec<&Anchor>,
                       of_me: &std::collections::HashMap<usize, usize>,
                       other_paras: &dyn Fn(usize) -> Vec<usize>|
         -> Vec<Diagnostic> {
            let mut seen: Vec<&Key> = Vec::new();
            let mut v = Vec::new();
            for x in list {
                if x.kind == Kind::Acronym || seen.iter().any(|k| same(k, &x.key)) {
                    continue;
                }
                seen.push(&x.key);
                let mut d = Diagnostic::new(
                    &META,
                    x.span.clone(),
                    format!(
                        "{} `{}` is not in the {} version",
                        x.kind.noun(),
                        one_line(me.text(&x.span)),
                        lang_name(other.v.lang)
                    ),
                )
                .with_label(format!("only in the {} version", lang_name(me.v.lang)));
                if let Some(&g) = of_me.get(&x.para) {
                    let paras = other_paras(g);
                    if let (Some(f), Some(l)) = (paras.first(), paras.last()) {
                        let ps = other.v.doc.paragraphs();
                        d = d.with_related(
                            other.v.source.clone(),
                            ps[*f].span.start..ps[*l].span.end,
                            "the matching paragraph of the other version",
                        );
                    }
                }
                v.push(d);
            }
            v
        };
        let left_a: Vec<&Anchor> = ua
            .iter()
            .enumerate()
            .filter(|(i, _)| !reported_a.contains(i))
            .map(|(_, x)| *x)
            .collect();
        let left_b: Vec<&Anchor> = ub
            .iter()
            .enumerate()
            .filter(|(i, _)| !used_b.contains(i))
            .map(|(_, x)| *x)
            .collect();
        out.a.extend(missing(sa, sb, left_a, &al.of_a, &|g| {
            al.groups[g].b.clone()
        }));
        out.b.extend(missing(sb, sa, left_b, &al.of_b, &|g| {
            al.groups[g].a.clone()
        }));
    }
}

/// A span on one line for messages.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The span of a document's first line of text (for findings about the
/// whole release).
fn first_span(doc: &Document) -> Span {
    doc.paragraphs()
        .iter()
        .find(|p| p.kind != BlockKind::Meta)
        .map(|p| {
            let t = doc.slice(&p.span);
            let end = t.find(['\n', '\r']).unwrap_or(t.len());
            p.span.start..p.span.start + end
        })
        .unwrap_or(0..0)
}

/// Two spellings of one name: one or two edits apart (one for short names).
fn similar_name(a: &Key, b: &Key) -> bool {
    let (Key::Text(a), Key::Text(b)) = (a, b) else {
        return false;
    };
    let n = a.chars().count().min(b.chars().count());
    if n < 4 {
        return false;
    }
    let d = strsim::levenshtein(a, b);
    let compact = |s: &str| s.replace([' ', '-'], "");
    d >= 1 && (d <= if n >= 9 { 2 } else { 1 } || compact(a) == compact(b))
}

/// The anchors of `me` that `other` does not have, once what rescues a
/// figure written another way is applied.
fn unmatched<'a>(me: &'a Side, other: &Side) -> Vec<&'a Anchor> {
    let theirs = &other.anchors;
    me.anchors
        .list
        .iter()
        .filter(|x| {
            let found = theirs
                .list
                .iter()
                .any(|y| y.kind == x.kind && same(&x.key, &y.key));
            !found && !rescued(x, other)
        })
        .collect()
}

/// Whether an anchor without an equal in `other` is still said there in
/// another form.
fn rescued(x: &Anchor, other: &Side) -> bool {
    let theirs = &other.anchors;
    let figures = || theirs.list.iter().filter(|y| y.kind == Kind::Figure);
    let loose = |v: f64| v >= 0.0 && v.fract() == 0.0 && theirs.loose.contains(&(v as u64));
    match (&x.kind, &x.key) {
        (Kind::Figure, Key::Num(vals)) => {
            // A number word or glued digits ("trois", "10e").
            if vals.iter().any(|&v| loose(v)) {
                return true;
            }
            // Rounding both versions agree on: "3,2 millions" for 3 176 000.
            figures().any(|y| {
                let Key::Num(other_vals) = &y.key else {
                    return false;
                };
                vals.iter().any(|&p| {
                    other_vals.iter().any(|&q| {
                        let (rough, fine, rough_is_mine) = if significant(p) < significant(q) {
                            (p, q, true)
                        } else {
                            (q, p, false)
                        };
                        let rounded = if rough_is_mine { x.rounded } else { y.rounded };
                        rounded
                            && significant(rough) < significant(fine)
                            && crate::figures::close(round_sig(fine, significant(rough)), rough)
                    })
                })
            }) || {
                // A time read as a figure in one version ("10.30" / "10 h 30").
                theirs.list.iter().any(|y| match y.key {
                    Key::Time(t) => vals.iter().any(|&v| {
                        crate::figures::close(v, f64::from(t / 60) + f64::from(t % 60) / 100.0)
                    }),
                    _ => false,
                })
            }
        }
        (Kind::Date, Key::Date(year, month, day)) => {
            // A range ("du 10 au 18 octobre" / "October 10-18"): the same
            // month, and the day written as a number.
            let d = f64::from(*day);
            theirs.list.iter().any(|y| match y.key {
                Key::Date(yy, mm, _) => {
                    mm == *month && (yy.is_none() || year.is_none() || yy == *year)
                }
                _ => false,
            }) && (loose(d)
                || figures().any(|y| matches!(&y.key, Key::Num(v) if v.iter().any(|&q| crate::figures::close(q, d)))))
        }
        (Kind::Time, Key::Time(t)) => {
            let (h, m) = (f64::from(t / 60), f64::from(t % 60));
            (m == 0.0 && (loose(h) || figures().any(|y| matches!(&y.key, Key::Num(v) if v.iter().any(|&q| crate::figures::close(q, h))))))
                || figures().any(|y| matches!(&y.key, Key::Num(v) if v.iter().any(|&q| crate::figures::close(q, h + m / 100.0))))
        }
        (Kind::Brand, Key::Text(key)) => {
            // Written in the other version where it is no anchor (a German
            // text, a shouted headline).
            // Also inside a compound ("LinkedIn-Profil", "l'EuroCity").
            let all = other
                .words
                .get_or_init(|| anchors::folded_words(other.v.doc));
            all.contains(key.as_str())
                || all
                    .iter()
                    .any(|w| w.split(['-', '\'']).any(|part| part == key))
        }
        (Kind::Person, Key::Text(key)) => {
            // Named without the cue the people model needs, or by surname.
            let all = other
                .words
                .get_or_init(|| anchors::folded_words(other.v.doc));
            let words: Vec<&str> = key.split(' ').collect();
            words.iter().all(|w| all.contains(*w))
                || words
                    .last()
                    .is_some_and(|s| s.chars().count() >= 3 && all.contains(*s))
        }
        _ => false,
    }
}

/// A weekday that differs for the same date.
fn weekdays(sa: &Side, sb: &Side, out: &mut Findings) {
    let mut done: Vec<&Key> = Vec::new();
    for x in sa.anchors.list.iter().filter(|x| x.kind == Kind::Date) {
        let Some(wa) = x.weekday else { continue };
        if done.iter().any(|k| same(k, &x.key)) {
            continue;
        }
        let theirs: Vec<&Anchor> = sb
            .anchors
            .list
            .iter()
            .filter(|y| y.kind == Kind::Date && same(&x.key, &y.key) && y.weekday.is_some())
            .collect();
        if theirs.is_empty() || theirs.iter().any(|y| y.weekday == Some(wa)) {
            continue;
        }
        done.push(&x.key);
        let y = theirs[0];
        let span = |s: &Side, a: &Anchor| {
            // The weekday is written just before the date.
            let p = &s.v.doc.paragraphs()[a.para];
            let start = s.v.doc.text()[p.span.start..a.span.start]
                .trim_end_matches(|c: char| !c.is_alphabetic())
                .rfind(|c: char| !c.is_alphabetic())
                .map_or(p.span.start, |i| p.span.start + i + 1);
            start..a.span.end
        };
        let (ra, rb) = (span(sa, x), span(sb, y));
        out.a.push(
            Diagnostic::new(
                &META,
                ra.clone(),
                format!(
                    "`{}` is `{}` in the {} version: the weekdays differ",
                    one_line(sa.text(&ra)),
                    one_line(sb.text(&rb)),
                    lang_name(sb.v.lang)
                ),
            )
            .with_label(format!("{} version", lang_name(sa.v.lang)))
            .with_related(
                sb.v.source.clone(),
                rb,
                format!("{} version", lang_name(sb.v.lang)),
            ),
        );
    }
}

/// Words of a paragraph.
fn word_count(doc: &Document, para: usize) -> usize {
    doc.paragraphs()[para].words.len()
}

/// Sections, subheadings, paragraphs and quotes with no counterpart; the
/// paragraphs they cover in each version.
fn structure(
    sa: &Side,
    sb: &Side,
    al: &Alignment,
    out: &mut Findings,
) -> (HashSet<usize>, HashSet<usize>) {
    let mut covered = (HashSet::new(), HashSet::new());
    for (me, other, mine, theirs, to) in
        [(sa, sb, true, false, 0usize), (sb, sa, false, true, 1usize)]
    {
        let _ = (mine, theirs);
        let (dm, dt) = (me.v.doc, other.v.doc);
        let sink = if to == 0 { &mut out.a } else { &mut out.b };
        let cover = if to == 0 {
            &mut covered.0
        } else {
            &mut covered.1
        };
        let other_name = lang_name(other.v.lang);
        // Whole sections: headline, contact block, boilerplate.
        let has_kind = |d: &Document, k: BlockKind| d.paragraphs().iter().any(|p| p.kind == k);
        let has_section = |d: &Document, k: SectionKind| {
            (0..d.paragraphs().len()).any(|i| d.section_kind(i) == k)
        };
        let mut whole: Vec<(Span, String)> = Vec::new();
        if has_kind(dm, BlockKind::Title) && !has_kind(dt, BlockKind::Title) {
            if let Some(p) = dm.paragraphs().iter().find(|p| p.kind == BlockKind::Title) {
                whole.push((p.span.clone(), "the headline".to_string()));
            }
        }
        for (k, name) in [
            (SectionKind::Contact, "the contact block"),
            (SectionKind::About, "the boilerplate (\"about\")"),
        ] {
            if has_section(dm, k) && !has_section(dt, k) {
                let paras: Vec<usize> = (0..dm.paragraphs().len())
                    .filter(|&i| dm.section_kind(i) == k)
                    .collect();
                if let Some(&i) = paras.first() {
                    whole.push((dm.paragraphs()[i].span.clone(), name.to_string()));
                }
                cover.extend(paras);
            }
        }
        for (span, name) in whole {
            sink.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!("{name} has no counterpart in the {other_name} version"),
                )
                .with_label(format!("only in the {} version", lang_name(me.v.lang))),
            );
        }
        // Subheadings, paragraphs and quotes the alignment left alone.
        let heading_count = |d: &Document| {
            (0..d.paragraphs().len())
                .filter(|&i| {
                    d.paragraphs()[i].kind == BlockKind::Heading
                        && d.section_kind(i) == SectionKind::Body
                })
                .count()
        };
        let quotes_mine: Vec<usize> = me.anchors.quotes.iter().map(|(p, _)| *p).collect();
        let quotes_theirs = &other.anchors.quoted;
        let fewer_quotes = other.anchors.quotes.len() < quotes_mine.len();
        // A subheading heads body text; one at the end is a signature.
        let heads_text = |d: &Document, p: usize| {
            d.paragraphs()
                .iter()
                .skip(p + 1)
                .find(|q| q.kind != BlockKind::Meta)
                .is_some_and(|q| {
                    matches!(
                        q.kind,
                        BlockKind::Body | BlockKind::Quote | BlockKind::ListItem | BlockKind::Lede
                    )
                })
        };
        for g in &al.groups {
            let (mine_g, theirs_g) = if to == 0 { (&g.a, &g.b) } else { (&g.b, &g.a) };
            for &p in mine_g {
                let para = &dm.paragraphs()[p];
                if dm.section_kind(p) != SectionKind::Body {
                    continue;
                }
                let quoted = quotes_mine.contains(&p);
                let msg = if theirs_g.is_empty() {
                    match para.kind {
                        BlockKind::Heading
                            if heading_count(dm) > heading_count(dt) && heads_text(dm, p) =>
                        {
                            "this subheading has no counterpart"
                        }
                        BlockKind::Lede
                        | BlockKind::Body
                        | BlockKind::Quote
                        | BlockKind::ListItem
                            if quoted && fewer_quotes =>
                        {
                            "this quote has no counterpart"
                        }
                        BlockKind::Lede | BlockKind::Body | BlockKind::Quote
                            if word_count(dm, p) >= 12 =>
                        {
                            "this paragraph has no counterpart"
                        }
                        _ => continue,
                    }
                } else if quoted
                    && fewer_quotes
                    && !theirs_g.iter().any(|q| quotes_theirs.contains(q))
                    && me.anchors.quotes.iter().any(|(q, _)| *q == p)
                {
                    "this quote has no counterpart"
                } else {
                    continue;
                };
                let span = if quoted && msg.contains("quote") {
                    me.anchors
                        .quotes
                        .iter()
                        .find(|(q, _)| *q == p)
                        .map_or(para.span.clone(), |(_, s)| s.clone())
                } else {
                    para.span.clone()
                };
                cover.insert(p);
                let mut d =
                    Diagnostic::new(&META, span, format!("{msg} in the {other_name} version"))
                        .with_label(format!("only in the {} version", lang_name(me.v.lang)));
                if let (Some(f), Some(l)) = (theirs_g.first(), theirs_g.last()) {
                    let ps = dt.paragraphs();
                    d = d.with_related(
                        other.v.source.clone(),
                        ps[*f].span.start..ps[*l].span.end,
                        "the matching paragraph of the other version",
                    );
                }
                sink.push(d);
            }
        }
    }
    covered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_both_versions_agree_on() {
        assert_eq!(significant(3.2e6), 2);
        assert_eq!(significant(3_176_412.0), 7);
        assert!(crate::figures::close(round_sig(3_176_412.0, 2), 3.2e6));
        assert_ne!(round_sig(3_276_412.0, 2), 3.2e6);
    }

    #[test]
    fn names_written_two_ways() {
        let k = |s: &str| Key::Text(s.to_string());
        assert!(similar_name(&k("karine lalieux"), &k("karine lallieux")));
        assert!(similar_name(&k("unicef"), &k("unisef")));
        assert!(similar_name(&k("van den bossche"), &k("vandenbossche")));
        assert!(!similar_name(&k("sncb"), &k("nmbs")));
        assert!(!similar_name(&k("eu"), &k("ue")));
        assert!(!similar_name(&k("marc dupont"), &k("marc dupont")));
    }

    fn compare(a: &str, la: &str, b: &str, lb: &str) -> Findings {
        let linter = crate::linter::Linter::new(
            &crate::config::Config::default(),
            &crate::linter::Overrides::default(),
        )
        .expect("linter");
        let da = linter.parse(Source::new(format!("a.{la}.txt"), a), la);
        let db = linter.parse(Source::new(format!("b.{lb}.txt"), b), lb);
        let p = Parity::new(linter.languages());
        fn v<'a>(d: &'a Document, l: &'a str) -> Version<'a> {
            Version {
                doc: d,
                lang: l,
                source: Arc::new(d.source().clone()),
            }
        }
        p.compare(&v(&da, la), &v(&db, lb), linter.people())
    }

    #[test]
    fn words_repeats_and_weekdays_are_no_differences() {
        let f = compare(
            "Le parc\n\nNamur, le mardi 4 juin 2024 – Trois nouvelles aires de jeux ouvrent, pour 120 000 euros, soit 120 000 euros de la Région.\n",
            "fr",
            "Het park\n\nNamen, 4 juni 2024 – Er openen 3 nieuwe speeltuinen, voor 120.000 euro.\n",
            "nl",
        );
        assert!(f.a.is_empty() && f.b.is_empty(), "{f:#?}");
    }

    #[test]
    fn a_changed_figure_points_at_both_versions() {
        let f = compare(
            "Le parc\n\nNamur, le 4 juin 2024 – Le parc coûte 120 000 euros.\n",
            "fr",
            "Het park\n\nNamen, 4 juni 2024 – Het park kost 125.000 euro.\n",
            "nl",
        );
        assert_eq!(f.a.len(), 1, "{f:#?}");
        assert!(f.b.is_empty(), "{f:#?}");
        assert_eq!(f.a[0].related.len(), 1);
        assert_eq!(f.a[0].related[0].source.path(), "b.nl.txt");
    }
}
