//! `french-spacing`: the no-break space French typography wants before
//! `; : ! ? »` and after `«`.

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{BlockKind, Document};
use crate::lang::Languages;
use crate::rule::{self, Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "french-spacing",
    default_severity: Severity::Warning,
    languages: &["fr"],
    summary:
        "French punctuation spaced against the release's own convention (before ; : ! ? », after «)",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
In French paragraphs only (the paragraph's language: the Dutch half of a
bilingual release is not checked), looks at what is written
- before `;` `:` `!` `?` and before a closing `»`,
- after an opening `«`:
a no-break space (U+00A0, or the narrow U+202F that many typographers
use before `; ! ?`; both accepted by default, see `space`), an ordinary
space (or a tab, a thin space, several spaces), or nothing.

By default the release is held to **its own majority convention**, so
that a consistent house style is never flagged:
- *spaced or not*: a mark with no space is reported when the release
  spaces the same marks elsewhere. Marks are judged in three classes
  (« », the colon, and `; ! ?`), because Swiss and Canadian usage sets
  no space before `; ! ?` but spaces colons and guillemets; a class
  seen fewer than twice follows the whole release;
- *which space*: an ordinary space is reported when the release uses
  no-break spaces there elsewhere (a release typed with ordinary spaces
  throughout, as most web-published French is, is not reported).
A space on one side of « » only is caught by the first check.

With `require-no-break = true` (strict typography, what a French
typesetter wants) every ordinary or missing space is reported, whatever
the release does elsewhere.

Not reported: times and ratios (`10:30`, `3:1`), URLs (`https://`,
`www.…?id=3`), e-mail addresses, Markdown code spans, a mark inside a
word (`Yahoo!Mail`), the second mark of `?!` or `!!`, a mark at the
start of a line after a hard line break, a quotation in English (or
another language) written in straight or curly double quotes inside a
French sentence (`le slogan "Think big!"`), and paragraphs that are not
French (a paragraph in English inside a French release).

## Why it matters
Without a no-break space the mark can be pushed alone to the start of
the next line (« ? » at the start of a line), which readers notice and
which French house styles (Imprimerie nationale, *Lexique des règles
typographiques*) forbid.

## Example
    Pourquoi le sodium?
                      ^ no space before "?"

## Options
    [rules.french-spacing]
    space = "any"      # which no-break spaces are accepted:
                       # "any" (U+00A0 or U+202F), "nbsp" (U+00A0 only),
                       # "narrow" (U+202F only), or "mixed" (U+202F before
                       # ; ! ? and U+00A0 before : and inside « »)
    insert = "nbsp"    # what fixes write when `space` is "any": "nbsp" or "narrow"
    skip = []          # marks not checked, e.g. [";", "!", "?"] for Swiss
                       # usage (no space before them)
    require-no-break = false  # true: strict typography, every space there
                              # must be a no-break one

## Fix safety
Safe: inserts the no-break space, or replaces the space(s) there with it.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

const NBSP: char = '\u{a0}';
const NARROW: char = '\u{202f}';

/// Which no-break spaces are accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Space {
    /// U+00A0 or U+202F.
    #[default]
    Any,
    /// U+00A0 only.
    Nbsp,
    /// U+202F only.
    Narrow,
    /// U+202F before ; ! ?, U+00A0 before : and inside « ».
    Mixed,
}

/// The space fixes write under `space = "any"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Insert {
    #[default]
    Nbsp,
    Narrow,
}

/// Options.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default)]
    space: Space,
    #[serde(default)]
    insert: Insert,
    /// Marks not checked (Swiss usage sets no space before ; ! ?).
    #[serde(default)]
    skip: Vec<String>,
    /// Strict typography: every space there must be a no-break one, whatever
    /// the release does elsewhere. Off: the release is held to its own
    /// majority convention.
    #[serde(default)]
    require_no_break: bool,
}

/// What is written next to one mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// An accepted no-break space.
    NoBreak,
    /// A no-break space of a kind the `space` option does not accept.
    WrongNoBreak,
    /// One ordinary space, tab or thin space.
    Ordinary,
    /// Several spaces (a no-break one among them, or tabs): a doubled space
    /// in any convention.
    Several,
    /// No space at all.
    Missing,
}

/// The marks that share a convention: a release may set no space before
/// `; ! ?` (Swiss and Canadian usage) and still space its colons and
/// guillemets.
fn class_of(mark: char) -> usize {
    match mark {
        '«' | '»' => 0,
        ':' => 1,
        _ => 2,
    }
}

/// One place next to a mark, before the release's convention is known.
struct Candidate {
    mark: char,
    after: bool,
    state: State,
    /// The space written there (empty when none).
    run: String,
    /// Absolute byte range of the space (empty when none).
    span: std::ops::Range<usize>,
}

/// Counts of each state, per class of marks and for the whole release.
#[derive(Default, Clone, Copy)]
struct Tally {
    no_break: usize,
    ordinary: usize,
    missing: usize,
}

impl Tally {
    fn add(&mut self, state: State) {
        match state {
            State::NoBreak | State::WrongNoBreak => self.no_break += 1,
            State::Ordinary => self.ordinary += 1,
            State::Several => {}
            State::Missing => self.missing += 1,
        }
    }

    fn spaced(&self) -> usize {
        self.no_break + self.ordinary
    }
}

/// Whether `run` is two or more plain spaces (U+0020): the whitespace rule's
/// "doubled space", not reported twice.
fn plain_spaces(run: &str) -> bool {
    run.len() > 1 && run.bytes().all(|b| b == b' ')
}

/// The majority of `a` over `b` in a class, else in the release: `Some(true)`
/// when `a` wins. A class decides alone when its majority was seen at least
/// twice; a tie in the release decides nothing.
fn majority(class: (usize, usize), release: (usize, usize)) -> Option<bool> {
    let (a, b) = class;
    if a != b && a.max(b) >= 2 {
        return Some(a > b);
    }
    let (a, b) = release;
    (a != b).then_some(a > b)
}

struct FrenchSpacing {
    o: Options,
}

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let o: Options = rule::options(opts)?;
    for m in &o.skip {
        if !matches!(m.as_str(), ";" | ":" | "!" | "?" | "«" | "»") {
            anyhow::bail!("skip: `{m}` is not one of ; : ! ? « »");
        }
    }
    Ok(Box::new(FrenchSpacing { o }))
}

impl FrenchSpacing {
    /// Whether `c` is an accepted space next to `mark`.
    fn accepts(&self, c: char, mark: char) -> bool {
        match self.o.space {
            Space::Any => c == NBSP || c == NARROW,
            Space::Nbsp => c == NBSP,
            Space::Narrow => c == NARROW,
            Space::Mixed => c == self.wanted(mark),
        }
    }

    /// The space a fix writes next to `mark`.
    fn wanted(&self, mark: char) -> char {
        match self.o.space {
            Space::Any => match self.o.insert {
                Insert::Nbsp => NBSP,
                Insert::Narrow => NARROW,
            },
            Space::Nbsp => NBSP,
            Space::Narrow => NARROW,
            Space::Mixed => {
                if matches!(mark, ';' | '!' | '?') {
                    NARROW
                } else {
                    NBSP
                }
            }
        }
    }
}

fn space_name(c: char) -> &'static str {
    match c {
        NBSP => "no-break space (U+00A0)",
        NARROW => "narrow no-break space (U+202F)",
        _ => "no-break space",
    }
}

fn is_hspace(c: char) -> bool {
    c != '\n' && c != '\r' && c.is_whitespace()
}

/// Whether a run of words is French rather than another language, by
/// function words. `None` when there are too few to tell.
fn is_french(cx: &Context, s: &str, min: usize) -> Option<bool> {
    let fr = cx.langs.get_exact("fr")?;
    let mut n_fr = 0;
    let mut other = std::collections::BTreeMap::new();
    let mut seen = 0;
    for w in s
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .take(80)
    {
        seen += 1;
        let lw = w.to_lowercase();
        if fr.is_function_word(&lw) {
            n_fr += 1;
        }
        for code in cx.langs.codes().filter(|c| *c != "fr") {
            if let Some(l) = cx.langs.get_exact(code) {
                if l.is_function_word(&lw) {
                    *other.entry(code).or_insert(0) += 1;
                }
            }
        }
    }
    let best = other.values().copied().max().unwrap_or(0);
    if seen < min || n_fr + best < 3 {
        return None;
    }
    Some(best <= 2 * n_fr)
}

/// Whether `s` holds at least one French function word.
fn has_french_word(cx: &Context, s: &str) -> bool {
    let Some(fr) = cx.langs.get_exact("fr") else {
        return true;
    };
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .any(|w| fr.is_function_word(&w.to_lowercase()))
}

/// Byte ranges of the paragraph (relative) where marks are not checked.
fn ignored_ranges(cx: &Context, s: &str, markdown: bool) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = Vec::new();
    // Cheap byte checks first: most paragraphs hold no URL and no e-mail.
    if s.contains("://") || s.contains("www.") || s.contains("WWW.") || s.contains("Www.") {
        v.extend(cx.parser.url().find_iter(s).map(|m| (m.start(), m.end())));
    }
    if s.contains('@') {
        v.extend(cx.parser.email().find_iter(s).map(|m| (m.start(), m.end())));
    }
    // Code spans, and double-quoted citations in another language.
    let mut code: Option<usize> = None;
    let mut quote: Option<(usize, char)> = None;
    let mut single: Option<usize> = None;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let foreign =
        |inner: &str| !has_french_word(cx, inner) || is_french(cx, inner, 1) == Some(false);
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + 1).map(|x| x.1);
        match c {
            '`' if markdown => match code.take() {
                Some(a) => v.push((a, i + 1)),
                None => code = Some(i),
            },
            '"' | '“' | '”' if code.is_none() => match quote {
                Some((a, open)) if c != '“' || open == '"' => {
                    // A citation without a single French function word.
                    if foreign(&s[a..i]) {
                        v.push((a, i + c.len_utf8()));
                    }
                    quote = None;
                }
                _ => quote = Some((i, c)),
            },
            // Single quotes: an opening one after a space, a closing one
            // before a non-letter (apostrophes inside words are neither).
            '\'' | '‘' | '’' if code.is_none() => {
                let opens = prev.is_none_or(|p| p.is_whitespace() || p == '(')
                    && next.is_some_and(char::is_alphanumeric);
                let closes = prev.is_some_and(|p| !p.is_whitespace())
                    && !next.is_some_and(char::is_alphanumeric);
                match single {
                    Some(a) if closes => {
                        if foreign(&s[a..i]) {
                            v.push((a, i + c.len_utf8()));
                        }
                        single = None;
                    }
                    _ if opens && c != '’' => single = Some(i),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    merge(v)
}

/// Whether `i` is inside one of the sorted, merged `ranges` (binary search).
fn ignored(ranges: &[(usize, usize)], i: usize) -> bool {
    let k = ranges.partition_point(|&(a, _)| a <= i);
    k > 0 && i < ranges[k - 1].1
}

/// Sorts ranges and merges the overlapping ones.
fn merge(mut v: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for (a, b) in v {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Whether the mark at `i` belongs to a web or file address written without
/// a scheme: its space-delimited token holds a "/" or "@", or a full stop
/// between two letters ("ville.be?id=3").
fn in_address_token(s: &str, i: usize) -> bool {
    // Bounded on both sides, so that a text without spaces stays linear.
    const REACH: usize = 200;
    let mut lo = i.saturating_sub(REACH);
    while !s.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (i + REACH).min(s.len());
    while !s.is_char_boundary(hi) {
        hi -= 1;
    }
    let start = s[lo..i]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(lo, |(k, c)| lo + k + c.len_utf8());
    let end = s[i..hi].find(char::is_whitespace).map_or(hi, |k| i + k);
    let token = &s[start..end];
    if token.contains(['/', '@']) {
        return true;
    }
    let cs: Vec<char> = token.chars().collect();
    cs.windows(3)
        .any(|w| w[1] == '.' && w[0].is_alphabetic() && w[2].is_alphabetic())
}

impl Rule for FrenchSpacing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let mut found = Vec::new();
        self.collect(cx, &mut found);
        if self.o.require_no_break {
            for c in &found {
                if c.state != State::NoBreak {
                    self.emit(out, c, None);
                }
            }
            return;
        }
        // The release's own convention, per class of marks.
        let mut classes = [Tally::default(); 3];
        let mut release = Tally::default();
        for c in &found {
            classes[class_of(c.mark)].add(c.state);
            release.add(c.state);
        }
        for c in &found {
            let t = classes[class_of(c.mark)];
            let note = match c.state {
                State::NoBreak => continue,
                State::WrongNoBreak => None,
                State::Several if plain_spaces(&c.run) => continue,
                State::Several => None,
                State::Missing => {
                    let spaced = (t.spaced(), t.missing);
                    // No majority anywhere: standard typography decides.
                    if !majority(spaced, (release.spaced(), release.missing)).unwrap_or(true) {
                        continue;
                    }
                    Some("where this release spaces the same marks elsewhere")
                }
                State::Ordinary => {
                    let kind = (t.no_break, t.ordinary);
                    if majority(kind, (release.no_break, release.ordinary)) != Some(true) {
                        continue;
                    }
                    Some("where this release uses no-break spaces elsewhere")
                }
            };
            self.emit(out, c, note);
        }
    }
}

impl FrenchSpacing {
    /// Every place next to a mark in the French paragraphs, with what is
    /// written there.
    fn collect(&self, cx: &Context, out: &mut Vec<Candidate>) {
        let doc = cx.doc;
        for (pi, p) in doc.paragraphs().iter().enumerate() {
            if p.kind == BlockKind::Meta || doc.lang_of(pi) != "fr" {
                continue;
            }
            let s = doc.para_text(pi);
            if !s.contains([';', ':', '!', '?', '«', '»']) {
                continue;
            }
            if is_french(cx, s, 6) == Some(false) {
                continue;
            }
            self.check_para(cx, doc, p.span.start, s, out);
        }
    }
}

impl FrenchSpacing {
    fn check_para(
        &self,
        cx: &Context,
        doc: &Document,
        base: usize,
        s: &str,
        out: &mut Vec<Candidate>,
    ) {
        let md = doc.is_markdown();
        let ranges = ignored_ranges(cx, s, md);
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let transparent = |c: char| md && (c == '*' || c == '_');
        for k in 0..chars.len() {
            let (i, c) = chars[k];
            if !matches!(c, ';' | ':' | '!' | '?' | '«' | '»')
                || ignored(&ranges, i)
                || self.o.skip.iter().any(|m| m.starts_with(c))
            {
                continue;
            }
            let next = chars.get(k + 1).map(|x| x.1);
            if c == '«' {
                // The space after «.
                let Some(n) = next else { continue };
                if n == '\n' || n == '\r' {
                    continue;
                }
                let run_end = chars[k + 1..]
                    .iter()
                    .find(|x| !is_hspace(x.1))
                    .map_or(s.len(), |x| x.0);
                if run_end == s.len() {
                    continue;
                }
                let run = &s[i + c.len_utf8()..run_end];
                let after = i + c.len_utf8();
                self.report(out, base, c, true, run, after..run_end);
                continue;
            }
            // Marks before which a space is wanted.
            let mut j = k;
            while j > 0 && transparent(chars[j - 1].1) {
                j -= 1;
            }
            let Some(&(_, prev)) = j.checked_sub(1).map(|x| &chars[x]) else {
                continue; // start of the paragraph (» of a continued quotation)
            };
            if c != '»' {
                if matches!(prev, '!' | '?') && c != ';' && c != ':' {
                    continue; // "?!", "!!": only the first mark
                }
                if next.is_some_and(char::is_alphanumeric) && prev.is_alphanumeric() {
                    continue; // inside a token: Yahoo!Mail, ISO:9001
                }
                if in_address_token(s, i) {
                    continue; // ville.be/agenda?id=3, a path or a bare domain
                }
                if c == '?' && s[i..].starts_with("???") {
                    continue; // "???": a placeholder (the placeholder rule's), not punctuation
                }
                if c == ':' {
                    if prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()) {
                        continue; // 10:30, 3:1
                    }
                    if s[i..].starts_with("://") || matches!(next, Some(')' | '(' | '-')) {
                        continue;
                    }
                }
            }
            if prev == '\n' || prev == '\r' {
                continue;
            }
            if is_hspace(prev) {
                let run_start = chars[..j]
                    .iter()
                    .rposition(|x| !is_hspace(x.1))
                    .map_or(0, |x| chars[x].0 + chars[x].1.len_utf8());
                if run_start == 0 || s[..run_start].ends_with(['\n', '\r']) {
                    continue; // the mark opens a line
                }
                let end = chars[j].0;
                let run = &s[run_start..end];
                self.report(out, base, c, false, run, run_start..end);
            } else {
                let acceptable_prev = prev.is_alphanumeric()
                    || matches!(
                        prev,
                        ')' | ']'
                            | '»'
                            | '”'
                            | '"'
                            | '’'
                            | '\''
                            | '%'
                            | '€'
                            | '$'
                            | '…'
                            | '.'
                            | '!'
                            | '?'
                    ) && (c == '»' || !matches!(prev, '.' | '!' | '?'));
                if !acceptable_prev {
                    continue;
                }
                let at = chars[j].0;
                self.report(out, base, c, false, "", at..at);
            }
        }
    }

    /// Records the space `run` (possibly empty) at `span` (relative) next to `mark`.
    fn report(
        &self,
        out: &mut Vec<Candidate>,
        base: usize,
        mark: char,
        after: bool,
        run: &str,
        span: std::ops::Range<usize>,
    ) {
        let mut cs = run.chars();
        let state = match (cs.next(), cs.next()) {
            (None, _) => State::Missing,
            (Some(one), None) if self.accepts(one, mark) => State::NoBreak,
            (Some(NBSP | NARROW), None) => State::WrongNoBreak,
            (Some(_), None) => State::Ordinary,
            _ => State::Several,
        };
        out.push(Candidate {
            mark,
            after,
            state,
            run: run.to_string(),
            span: base + span.start..base + span.end,
        });
    }

    /// Reports one candidate; `note` says which convention of the release it breaks.
    fn emit(&self, out: &mut Vec<Diagnostic>, c: &Candidate, note: Option<&str>) {
        let (mark, after, run) = (c.mark, c.after, c.run.as_str());
        let want = self.wanted(mark);
        let side = if after { "after" } else { "before" };
        let n = run.chars().count();
        let message = match run.chars().next() {
            Some(c) if n == 1 && (c == NBSP || c == NARROW) => format!(
                "{} {side} \"{mark}\": the configured style wants a {}",
                space_name(c),
                space_name(want)
            ),
            first => {
                let what = match first {
                    None => format!("no space {side} \"{mark}\""),
                    Some(' ') if n == 1 => format!("ordinary space {side} \"{mark}\""),
                    Some('\t') if n == 1 => format!("tab {side} \"{mark}\""),
                    Some(_) if n == 1 => format!("breakable space {side} \"{mark}\""),
                    Some(_) => format!("{n} spaces {side} \"{mark}\""),
                };
                match note {
                    Some(n) => format!("{what} {n}"),
                    None => format!("{what}: French typography wants a {}", space_name(want)),
                }
            }
        };
        let abs = c.span.clone();
        // The primary span: the space, or the mark when there is none.
        let primary = if run.is_empty() {
            if after {
                abs.start - mark.len_utf8()..abs.start
            } else {
                abs.start..abs.start + mark.len_utf8()
            }
        } else {
            abs.clone()
        };
        out.push(
            Diagnostic::new(&META, primary, message)
                .with_label(if run.is_empty() {
                    "insert a no-break space here"
                } else {
                    "replace with a no-break space"
                })
                .with_fix(Fix::safe(vec![Edit::replace(abs, want.to_string())])),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_fix, assert_lints, run_path};

    const R: &str = "french-spacing";

    const STRICT: &str = "[rules.french-spacing]\nrequire-no-break = true\n";

    /// Diagnostics under strict typography.
    fn strict(text: &str) -> Vec<crate::diagnostic::Diagnostic> {
        crate::rules::testing::run_with_config(R, text, "fr", STRICT)
    }

    #[test]
    fn strict_reports_every_missing_no_break_space() {
        assert_eq!(strict("Titre\n\nPourquoi le sodium?\n").len(), 1);
        assert_eq!(
            strict("Titre\n\nObjectif: former 600 personnes.\n").len(),
            1
        );
        assert_eq!(
            strict("Titre\n\nLa ligne évite les bouchons ? Oui ; et vite !\n").len(),
            3
        );
        assert_eq!(
            strict("Titre\n\n« Nous sommes prêts », dit-elle.\n").len(),
            2
        );
        assert_eq!(strict("Titre\n\n«Nous sommes prêts», dit-elle.\n").len(), 2);
        assert_eq!(strict("Titre\n\nLe programme  : concerts.\n").len(), 1);
    }

    #[test]
    fn consistent_releases_are_quiet() {
        // Ordinary spaces everywhere (most web-published French).
        assert_lints(
            R,
            "Titre\n\n« Nous sommes prêts », dit-elle. Programme : concerts ; danse ! Pourquoi ?\n",
            "fr",
            0,
        );
        // No space before ! and ? (Swiss and Canadian usage), spaced colons.
        assert_lints(
            R,
            "Titre\n\nQuelle fête! Venez nombreux! Pourquoi? Programme\u{a0}: concerts, horaires\u{a0}: 20\u{a0}h.\n",
            "fr",
            0,
        );
        // A single mark decides nothing on its own.
        assert_lints(R, "Titre\n\nPourquoi le sodium?\n", "fr", 0);
        assert_lints(R, "Titre\n\nLe programme : concerts.\n", "fr", 0);
    }

    #[test]
    fn mixed_conventions_are_reported() {
        // No-break spaces before colons, one ordinary space.
        let t = "Titre\n\nLieu\u{a0}: la gare. Heure\u{a0}: midi. Prix : gratuit. Contact\u{a0}: la ville.\n";
        let d = crate::rules::testing::run(R, t, "fr");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(&t[d[0].span.clone()], " ");
        assert!(d[0].message.contains("no-break spaces elsewhere"));
        // Spaced colons, one colon without a space.
        let t = "Titre\n\nLieu : la gare. Heure : midi. Prix: gratuit. Contact : la ville.\n";
        let d = crate::rules::testing::run(R, t, "fr");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(&t[d[0].span.clone()], ":");
        // A space on one side of « » only.
        assert_lints(
            R,
            "Titre\n\n« Oui », dit-il. « Non », dit-elle. « Peut-être», ajoute-t-il.\n",
            "fr",
            1,
        );
        // A question mark without a space where the rest is spaced.
        assert_lints(R, "# Pourquoi le sodium?\n\nObjectif\u{a0}: former. Lieu\u{a0}: Liège. «\u{a0}Oui\u{a0}», dit-il.\n", "fr", 1);
    }

    #[test]
    fn fixes() {
        let mixed = "Lieu\u{a0}: la gare. Heure\u{a0}: midi. «\u{a0}Oui\u{a0}».";
        assert_fix(
            R,
            &format!("Titre\n\nPourquoi le sodium? {mixed}\n"),
            &format!("Titre\n\nPourquoi le sodium\u{a0}? {mixed}\n"),
            "fr",
        );
        assert_fix(
            R,
            &format!("Titre\n\n«Nous sommes prêts » ; dit-elle. {mixed}\n"),
            &format!("Titre\n\n«\u{a0}Nous sommes prêts\u{a0}»\u{a0}; dit-elle. {mixed}\n"),
            "fr",
        );
        assert_fix(
            R,
            &format!("Titre\n\nObjectif \u{a0}: former. {mixed}\n"),
            &format!("Titre\n\nObjectif\u{a0}: former. {mixed}\n"),
            "fr",
        );
    }

    #[test]
    fn correct_or_exempt() {
        assert_lints(R, "Titre\n\nPourquoi le sodium\u{a0}? Parce que\u{202f}! Voici\u{a0}: «\u{a0}Oui\u{a0}», dit-il\u{202f};\n", "fr", 0);
        assert_lints(R, "Titre\n\nRendez-vous à 10:30 ou 17:00, score 3:1. Horaires\u{a0}: https://www.example.be/a?b=1 ou info@example.be\n", "fr", 0);
        assert_lints(
            R,
            "Titre\n\nLe slogan \"Think big!\" a été retenu. Ils ont lu “Why now?” hier.\n",
            "fr",
            0,
        );
        assert_lints(R, "Titre\n\nVraiment\u{a0}?! Oui\u{a0}!!\n", "fr", 0);
        assert_lints(
            R,
            "Titre\n\nInscriptions sur ville.be/agenda?id=3 et ville.be?x=1\u{a0}!\n",
            "fr",
            0,
        );
        // Other languages are not checked.
        assert_lints(R, "Title\n\nWhy now? Because: it works!\n", "en", 0);
        assert_lints(R, "Titre\n\nThe project is funded by the European Union: it will run for four years and it is led by the institute.\n", "fr", 0);
    }

    #[test]
    fn bilingual_dutch_half() {
        let t = "COMMUNIQUÉ DE PRESSE – PERSBERICHT\n\nFR\n\nLa rivière revient\n\nBruxelles, le 3 mars 2026 – Plus d’infos\u{a0}: https://example.be\n\nNL\n\nDe rivier komt terug\n\nBrussel, 3 maart 2026 – Meer info: https://example.be en vragen? Bel ons!\n";
        assert_lints(R, t, "fr", 0);
    }

    #[test]
    fn markdown() {
        let md = "# Titre\n\n## Pourquoi le sodium?\n\n**Objectif**: former. Voir `a:b` et *vite*\u{a0}! Lieu\u{a0}: ici. Date\u{a0}: demain.\n";
        assert_eq!(run_path(R, "r.md", md, "fr").len(), 2);
    }

    #[test]
    fn options() {
        use crate::config::Config;
        use crate::linter::{Linter, Overrides};
        let d = crate::rules::testing::run_with_config(
            R,
            "Titre\n\nVraiment\u{a0}? Oui\u{202f}!\n",
            "fr",
            "[rules.french-spacing]\nspace = \"narrow\"\n",
        );
        assert_eq!(d.len(), 1);
        assert!(toml::from_str::<Config>("[rules.french-spacing]\nspace = \"wide\"\n").is_ok());
        let bad: Config = toml::from_str("[rules.french-spacing]\nspace = \"wide\"\n").unwrap();
        assert!(Linter::new(&bad, &Overrides::default()).is_err());
        let d = crate::rules::testing::run_with_config(
            R,
            "Titre\n\nVraiment? Oui! Enfin; voici: tout.\n",
            "fr",
            "[rules.french-spacing]\nrequire-no-break = true\nskip = [\";\", \"!\", \"?\"]\n",
        );
        assert_eq!(d.len(), 1);
        let bad: Config = toml::from_str("[rules.french-spacing]\nskip = [\"x\"]\n").unwrap();
        assert!(Linter::new(&bad, &Overrides::default()).is_err());
    }
}
