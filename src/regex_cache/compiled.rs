//! A compiled regex with the `regex` crate's syntax and match semantics,
//! whose literal prefilter is built only for large texts.
//!
//! `regex::Regex` is regex-automata's meta regex with a fixed
//! configuration; this is the same engine with the same configuration
//! (leftmost-first, UTF-8 syntax, empty matches never split a character,
//! the same size limits), except that the literal prefilter is optional.
//! Building it is most of the cost of compiling a case-insensitive word
//! list (the labelled-phone pattern: 5.8 M instructions with it, 1.9 M
//! without; the full-date pattern 14.6 M and 7.3 M), and it pays only on
//! large texts, where skipping ahead to a literal saves more than it
//! cost. A prefilter never changes what matches.

use std::ops::Range;

use regex_automata::util::captures;
use regex_automata::{meta, Input};

/// A compiled pattern (see the module documentation).
#[derive(Debug, Clone)]
pub struct Compiled {
    meta: meta::Regex,
}

impl Compiled {
    /// Compiles `pattern`, with a literal prefilter if `prefilter`.
    pub fn new(pattern: &str, prefilter: bool) -> Result<Compiled, String> {
        // `regex::RegexBuilder`'s defaults (regex 1.x `builders.rs`).
        let metac = meta::Config::new()
            .nfa_size_limit(Some(10 * (1 << 20)))
            .hybrid_cache_capacity(2 * (1 << 20))
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .auto_prefilter(prefilter);
        let syntaxc = regex_automata::util::syntax::Config::new().utf8(true);
        meta::Builder::new()
            .configure(metac)
            .syntax(syntaxc)
            .build(pattern)
            .map(|meta| Compiled { meta })
            .map_err(|e| e.to_string())
    }

    /// A pattern that matches nothing.
    pub fn never() -> Compiled {
        Compiled::new(r"[^\s\S]", false).expect("the empty class compiles")
    }

    /// Whether `hay` holds a match.
    pub fn is_match(&self, hay: &str) -> bool {
        self.meta.is_match(Input::new(hay).earliest(true))
    }

    /// The first match.
    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.find_at(hay, 0)
    }

    /// The first match at or after `start` (what precedes `start` is still
    /// seen by `^` and `\b`, as with `regex::Regex::find_at`).
    pub fn find_at<'h>(&self, hay: &'h str, start: usize) -> Option<Match<'h>> {
        let input = Input::new(hay).span(start..hay.len());
        self.meta
            .search(&input)
            .map(|m| Match::new(hay, m.start(), m.end()))
    }

    /// Every match, in order, without overlaps.
    pub fn find_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> impl Iterator<Item = Match<'h>> + use<'r, 'h> {
        self.meta
            .find_iter(hay)
            .map(move |m| Match::new(hay, m.start(), m.end()))
    }

    /// The groups of the first match.
    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.captures_at(hay, 0)
    }

    /// The groups of the first match at or after `start`.
    pub fn captures_at<'h>(&self, hay: &'h str, start: usize) -> Option<Captures<'h>> {
        let mut caps = self.meta.create_captures();
        let input = Input::new(hay).span(start..hay.len());
        self.meta.search_captures(&input, &mut caps);
        caps.is_match().then_some(Captures { hay, caps })
    }

    /// The groups of every match, in order.
    pub fn captures_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + use<'r, 'h> {
        self.meta
            .captures_iter(hay)
            .map(move |caps| Captures { hay, caps })
    }
}

/// A match: a byte range of the text searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    fn new(hay: &'h str, start: usize, end: usize) -> Match<'h> {
        Match { hay, start, end }
    }

    /// Where the match starts (a byte offset).
    pub fn start(&self) -> usize {
        self.start
    }

    /// Where the match ends (a byte offset, exclusive).
    pub fn end(&self) -> usize {
        self.end
    }

    /// `start()..end()`.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The matched text.
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }

    /// The match's length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the match is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The groups of a match.
#[derive(Debug, Clone)]
pub struct Captures<'h> {
    hay: &'h str,
    caps: captures::Captures,
}

impl<'h> Captures<'h> {
    /// Group `i` (0: the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.caps
            .get_group(i)
            .map(|s| Match::new(self.hay, s.start, s.end))
    }

    /// The group named `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.caps
            .get_group_by_name(name)
            .map(|s| Match::new(self.hay, s.start, s.end))
    }

    /// How many groups the pattern has (the whole match included).
    pub fn len(&self) -> usize {
        self.caps.group_len()
    }

    /// Whether the pattern has no group (never: group 0 is the match).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::ops::Index<usize> for Captures<'_> {
    type Output = str;

    /// The text of group `i` (panics when the group did not take part, as
    /// `regex::Captures` does).
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group at index '{i}'"))
    }
}

#[cfg(test)]
mod tests {
    use super::Compiled;
    use proptest::prelude::*;

    /// The spans of a match's `n` groups.
    fn spans(
        n: usize,
        get: impl Fn(usize) -> Option<(usize, usize)>,
    ) -> Vec<Option<(usize, usize)>> {
        (0..n).map(get).collect()
    }

    /// What `regex::Regex` finds, for comparison.
    fn reference(p: &str, hay: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        let r = regex::Regex::new(p).unwrap();
        r.captures_iter(hay)
            .map(|c| spans(c.len(), |i| c.get(i).map(|m| (m.start(), m.end()))))
            .collect()
    }

    fn ours(p: &str, hay: &str, prefilter: bool) -> Vec<Vec<Option<(usize, usize)>>> {
        let r = Compiled::new(p, prefilter).unwrap();
        r.captures_iter(hay)
            .map(|c| spans(c.len(), |i| c.get(i).map(|m| (m.start(), m.end()))))
            .collect()
    }

    const PATTERNS: &[&str] = &[
        r"(?i)\b(?:tel|telefon|tél|téléphone)\b\.?[ \u{a0}]*(?:\([^)\n]{0,20}\)[ \u{a0}]*)?[:.]?[ \u{a0}]*(\+?\(?[0-9][0-9 \u{a0}()./\-–]*[0-9])",
        r"(?i)(?-u:\b)(?P<d>[0-9]{1,2})\.? (?:mars|märz|mai)\b",
        r"",
        r"a*",
        r"(?m)^\s*$",
        r"\bé\w+",
    ];

    #[test]
    fn same_matches_as_the_regex_crate() {
        let hay = "Tél. (direct) : 02 555 12 34, TÉLÉPHONE 0475/12.34.56\n12 mars, 3. März  \n\nétude été 1 mai";
        for p in PATTERNS {
            for prefilter in [false, true] {
                assert_eq!(ours(p, hay, prefilter), reference(p, hay), "{p}");
            }
            let r = Compiled::new(p, false).unwrap();
            let re = regex::Regex::new(p).unwrap();
            assert_eq!(r.is_match(hay), re.is_match(hay));
            for at in [0, 1, 5, 30] {
                assert_eq!(
                    r.find_at(hay, at).map(|m| m.range()),
                    re.find_at(hay, at).map(|m| m.range()),
                    "{p} at {at}"
                );
                assert_eq!(
                    r.captures_at(hay, at)
                        .and_then(|c| c.get(0))
                        .map(|m| m.range()),
                    re.captures_at(hay, at)
                        .and_then(|c| c.get(0))
                        .map(|m| m.range())
                );
            }
            assert_eq!(
                r.find_iter(hay).map(|m| m.as_str()).collect::<Vec<_>>(),
                re.find_iter(hay).map(|m| m.as_str()).collect::<Vec<_>>()
            );
        }
        let c = Compiled::new(r"(?P<d>[0-9]+)", false).unwrap();
        let caps = c.captures("ab 12").unwrap();
        assert_eq!((caps.name("d").unwrap().as_str(), &caps[1]), ("12", "12"));
        assert!(Compiled::new("(", false).is_err());
        assert!(!Compiled::never().is_match("anything"));
    }

    proptest! {
        /// On any text, every pattern finds what `regex::Regex` finds.
        #[test]
        fn same_matches_on_any_text(hay in "[a-zA-Zé0-9 .:()/\u{a0}\n–-]{0,60}") {
            for p in PATTERNS {
                prop_assert_eq!(ours(p, &hay, false), reference(p, &hay));
            }
        }
    }
}
