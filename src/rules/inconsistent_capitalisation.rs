//! `inconsistent-capitalisation`: one two-word name or term written with
//! different capitals in one release ("Home Office" / "Home office" /
//! "home office", "Conseil d'État" / "conseil d'État").

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Word, WordFlags, WordId};
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::source::Span;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "inconsistent-capitalisation",
    default_severity: Severity::Warning,
    languages: &[],
    summary:
        "A two-word name written with different capitals in one release (Home Office / Home office)",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Finds two-word names and terms that the release writes with both words
capitalised in running text ("the Home Office", "le Conseil d'État"), at
least twice, and reports the places where the same two words carry other
capitals ("Home office", "home office", "conseil d'État") — when the
capitalised form is not outnumbered. One diagnostic per term, at its
first variant, with the other variants and the capitalised form as
labels.

Capitals that say nothing are not compared: the first word of a
sentence, of a line or after a colon, an opening quotation mark or a
dash; words in capitals (HOME OFFICE); headlines and headings, which
follow their own capital rules; a short quotation ("the ‘heart age’
tool"), which keeps the capitals of what it quotes; a capitalised form directly followed by another capitalised
word ("Chief Executive Jane Doe"), since many house styles capitalise a
title before a name only ("Jane Doe, chief executive").

## Why it matters
A name written two ways looks careless, and a reader cannot tell whether
"the home office" is the ministry or a room.

## Example
    … was launched by the Home Office today.
    Home office crime prevention minister … said:
         ^^^^^^ "Home Office" elsewhere (2 times)

## Options
None.

## Fix safety
No fix: which form is right is the office's choice.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct InconsistentCapitalisation;

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(InconsistentCapitalisation))
}

/// The capitals of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caps {
    /// Capitalised ("Office").
    Initial,
    /// Lower case ("office").
    Lower,
    /// Capitalised where capitals are forced (sentence start), all capitals,
    /// or otherwise unknown: compatible with any form.
    Unknown,
}

fn caps(word: &str, forced: bool) -> Caps {
    // An elided article or preposition is not the word: "d’État", "l'Office".
    let word = match word.find(['\'', '’']) {
        Some(i) if word[..i].chars().count() <= 2 => &word[i..],
        _ => word,
    };
    let mut cs = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = cs.next() else {
        return Caps::Unknown;
    };
    if first.is_uppercase()
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        return Caps::Unknown; // HOME OFFICE, or a one-letter word
    }
    match (first.is_uppercase(), forced) {
        (true, true) => Caps::Unknown,
        (true, false) => Caps::Initial,
        (false, _) => Caps::Lower,
    }
}

/// One place where the two words stand side by side.
struct Occurrence {
    span: Span,
    first: Caps,
    second: Caps,
    /// A capitalised word follows (a title before a name).
    before_name: bool,
}

impl Occurrence {
    fn capitalised(&self) -> bool {
        self.first != Caps::Lower && self.second == Caps::Initial
    }

    fn differs(&self) -> bool {
        self.first == Caps::Lower || self.second == Caps::Lower
    }
}

/// Whether a word is a plain word of letters, two or more.
fn is_plain(word: &Word) -> bool {
    word.is(WordFlags::LETTERS2) && !word.is(WordFlags::HAS_DIGIT)
}

/// Whether the text between two words is one or more spaces only.
fn spaced(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

/// Whether the text before a word forces a capital: a sentence or line
/// start, a colon, an opening quotation mark, a dash or a bullet.
fn forces_capital(before: &str) -> bool {
    let t = before.trim_end_matches([' ', '\u{a0}', '\t']);
    t.is_empty()
        || t.ends_with([
            '\n', '\r', ':', '“', '"', '«', '„', '‘', '(', '–', '—', '-', '•', '*', '.', '!', '?',
        ])
}

/// The longest quotation taken for a mention ("the ‘heart age’ tool").
const MENTION_BYTES: usize = 60;

/// Whether `c` closes a quotation opened by `o` (`rest` follows it): not
/// a mark of another pair, nor an apostrophe inside a word ("l’État").
fn closes(o: char, c: char, rest: &str) -> bool {
    let other_pair = matches!((o, c), ('«', '’' | '”') | ('‘', '”' | '»'));
    let apostrophe = matches!(c, '’' | '\'') && rest.starts_with(char::is_alphabetic);
    !other_pair && !apostrophe
}

/// Absolute spans of the short quotations of a paragraph (`base` is its
/// offset): a phrase in quotation marks is mentioned, not used, and keeps
/// the capitals of its source.
fn short_quotes(s: &str, base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        match (open, c) {
            (None, '‘' | '“' | '«' | '„' | '"') => open = Some((i, c)),
            (None, '\'') if !prev.is_alphanumeric() => open = Some((i, c)),
            (Some((a, o)), '’' | '”' | '»' | '“' | '"' | '\'')
                if closes(o, c, &s[i + c.len_utf8()..]) =>
            {
                if i - a <= MENTION_BYTES {
                    out.push(base + a..base + i + c.len_utf8());
                }
                open = None;
            }
            _ => {}
        }
        if open.is_some_and(|(a, _)| i - a > MENTION_BYTES) {
            open = None;
        }
        prev = c;
    }
    out
}

impl Rule for InconsistentCapitalisation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let words = doc.words();
        // Pairs of adjacent plain words, by their first word (4 bytes a
        // pair: a 10 MB release has millions).
        let mut pairs: Vec<u32> = Vec::new();
        for p in doc.paragraphs() {
            // Headlines and headings follow their own capital rules; a
            // short line ending in a colon is a lead-in sentence ("The
            // minister said:"), not a heading.
            let lead_in = text[p.span.clone()].trim_end().ends_with(':');
            let heading = matches!(p.kind, BlockKind::Title | BlockKind::Heading) && !lead_in;
            if heading || matches!(p.kind, BlockKind::Meta | BlockKind::Header) {
                continue;
            }
            let mentions = short_quotes(&text[p.span.clone()], p.span.start);
            for wi in p.words.start..p.words.end.saturating_sub(1) {
                let (a, b) = (&words[wi], &words[wi + 1]);
                if is_plain(a)
                    && is_plain(b)
                    && spaced(&text[a.end()..b.start()])
                    && !mentions
                        .iter()
                        .any(|q| q.start <= a.start() && b.end() <= q.end)
                {
                    if let Ok(wi) = u32::try_from(wi) {
                        pairs.push(wi);
                    }
                }
            }
        }
        // The terms written capitalised, mid-sentence, somewhere, by the
        // ids of their lower-cased words.
        let lex = doc.lexicon();
        let mut terms: HashMap<(WordId, WordId), Vec<Occurrence>, foldhash::fast::RandomState> =
            HashMap::default();
        let term = |wi: usize| (words[wi].id(), words[wi + 1].id());
        let paras = doc.paragraphs();
        // The paragraph of word `wi`, found when a pair is kept.
        let para_of = |wi: usize| paras.partition_point(|p| p.words.end <= wi);
        let occurrence = |wi: usize| -> Occurrence {
            let (a, b) = (&words[wi], &words[wi + 1]);
            let p = &paras[para_of(wi)];
            let forced = forces_capital(&text[p.span.start.min(a.start())..a.start()]);
            let before_name = wi + 2 < p.words.end && {
                let c = &words[wi + 2];
                spaced(&text[b.end()..c.start()]) && text[c.span()].starts_with(char::is_uppercase)
            };
            Occurrence {
                span: a.start()..b.end(),
                first: caps(&text[a.span()], forced),
                second: caps(&text[b.span()], false),
                before_name,
            }
        };
        for wi in pairs.iter().map(|&w| w as usize) {
            // Most pairs are lower case: the second word decides cheaply.
            if caps(&text[words[wi + 1].span()], false) != Caps::Initial {
                continue;
            }
            let o = occurrence(wi);
            if o.first == Caps::Initial && o.second == Caps::Initial {
                let (first, second) = term(wi);
                let function = |id: WordId| cx.words().is_function_word(lex.lower(id));
                if function(second) || function(first) {
                    continue;
                }
                terms.entry((first, second)).or_default();
            }
        }
        if terms.is_empty() {
            return;
        }
        for wi in pairs.iter().map(|&w| w as usize) {
            if let Some(v) = terms.get_mut(&term(wi)) {
                v.push(occurrence(wi));
            }
        }
        let mut found: Vec<Diagnostic> = Vec::new();
        for occs in terms.values() {
            let named: Vec<&Occurrence> = occs
                .iter()
                .filter(|o| o.capitalised() && !o.before_name)
                .collect();
            let variants: Vec<&Occurrence> = occs.iter().filter(|o| o.differs()).collect();
            let (Some(first), Some(model)) = (variants.first(), named.first()) else {
                continue;
            };
            if named.len() < 2 || named.len() < variants.len() {
                continue;
            }
            let mut d = Diagnostic::new(
                &META,
                first.span.clone(),
                format!(
                    "\"{}\" is written \"{}\" elsewhere ({} times)",
                    &text[first.span.clone()],
                    &text[model.span.clone()],
                    named.len()
                ),
            )
            .with_label("other capitals")
            .with_secondary(model.span.clone(), "capitalised here");
            for v in &variants[1..] {
                d = d.with_secondary(v.span.clone(), "other capitals");
            }
            found.push(d);
        }
        found.sort_by_key(|d| d.span.start);
        out.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_lints, run};

    const R: &str = "inconsistent-capitalisation";

    #[test]
    fn variant_of_a_capitalised_name() {
        let t = "Campaign launched\n\nThe campaign was launched by the Transport Office today. Transport office staff will visit schools, and the Transport Office will report in May.\n";
        let d = run(R, t, "en");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(&t[d[0].span.clone()], "Transport office");
        // A lead-in line before a quotation is a sentence, not a heading.
        let t = "Campaign launched\n\nThe campaign was launched by the Transport Office today, and the Transport Office will report in May.\n\nTransport office minister Jo Bell said:\n\n“It works.”\n";
        let d = run(R, t, "en");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(&t[d[0].span.clone()], "Transport office");
        let t = "Le Conseil d’État tranche\n\nLe recours devant le Conseil d’État est rejeté. Selon le conseil d’État, la loi s’applique. Le Conseil d’État publiera son avis.\n";
        let d = run(R, t, "fr");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(&t[d[0].span.clone()], "conseil d’État");
    }

    #[test]
    fn forced_capitals_and_titles_before_names_are_quiet() {
        // Sentence starts, a title-case headline, capitals.
        assert_lints(R, "Home Working Grows Fast\n\nHome working grows. The share of home working rose, and HOME WORKING is here to stay.\n", "en", 0);
        // A title before a name, lower case in apposition.
        assert_lints(R, "Title\n\nChief Executive Jane Doe said it. Later Chief Executive Jane Doe added more. Jane Doe, chief executive of the firm, agreed.\n", "en", 0);
        // The lower-case form dominates: a common noun, once a name.
        assert_lints(R, "Title\n\nWe met the Open Data team. Open data is useful, and open data is free, and open data is growing.\n", "en", 0);
        // Quoted mentions and headings keep their own capitals.
        assert_lints(R, "Title\n\nTry the Heart Age tool. The Heart Age tool tells your ‘heart age’ in a minute.\n\nHeart age and you\n\nMore text here.\n", "en", 0);
        // Seen capitalised only once: not enough to call it a name.
        assert_lints(
            R,
            "Title\n\nThe Home Office said so. The home office was busy.\n",
            "en",
            0,
        );
    }
}
