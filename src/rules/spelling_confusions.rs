//! Real-word typos for `spelling`: a correctly spelt word that is wrong in
//! a context that makes the mistake certain ("des ses Prix" for "de ses
//! Prix", "based on you age" for "your age"). They come from the packs'
//! `spelling-confusions` lists and need no dictionary.
//!
//! One entry is a sequence of words separated by spaces; a word may list
//! alternatives separated by `/`; exactly one word is written
//! `typo=>correction` (its alternatives on the left of `=>`). Words are
//! matched whole, without regard to case, and must follow each other with
//! only spaces between: a comma or a line break ends the match.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

/// One word of a confusion: the spellings it matches (lower case).
#[derive(Debug, Clone)]
struct Slot(Vec<String>);

impl Slot {
    fn matches(&self, word: &str) -> bool {
        self.0
            .iter()
            .any(|a| a.chars().eq(word.chars().flat_map(char::to_lowercase)))
    }
}

/// A parsed `spelling-confusions` entry.
#[derive(Debug, Clone)]
pub struct Confusion {
    slots: Vec<Slot>,
    /// Which slot holds the typo.
    at: usize,
    /// What replaces it.
    correction: String,
}

impl Confusion {
    /// Parses an entry ("des=>de ses/mes/tes"); `None` when it has no
    /// `=>`, more than one, or an empty word.
    pub fn parse(entry: &str) -> Option<Confusion> {
        let mut slots = Vec::new();
        let mut at = None;
        let mut correction = String::new();
        for (i, part) in entry.split_whitespace().enumerate() {
            let alts = match part.split_once("=>") {
                Some((typo, fix)) => {
                    if at.is_some() || fix.is_empty() {
                        return None;
                    }
                    at = Some(i);
                    correction = fix.to_string();
                    typo
                }
                None => part,
            };
            let alts: Vec<String> = alts
                .split('/')
                .filter(|a| !a.is_empty())
                .map(str::to_lowercase)
                .collect();
            if alts.is_empty() {
                return None;
            }
            slots.push(Slot(alts));
        }
        Some(Confusion {
            slots,
            at: at?,
            correction,
        })
    }

    /// Whether the confusion matches the words `first..` of `words` (word
    /// indices into the document, within one paragraph ending at `end`).
    fn matches_at(&self, doc: &Document, first: usize, end: usize) -> bool {
        let text = doc.text();
        let words = doc.words();
        if first + self.slots.len() > end {
            return false;
        }
        self.slots.iter().enumerate().all(|(k, slot)| {
            let wi = first + k;
            let w = &text[words[wi].span()];
            slot.matches(w)
                && (k == 0 || {
                    let between = &text[words[wi - 1].span().end..words[wi].span().start];
                    !between.is_empty() && between.chars().all(|c| c == ' ' || c == '\u{a0}')
                })
        })
    }
}

/// Parses a language's entries. Entries from a config are checked when
/// the config is read (a malformed one is an error naming its place); the
/// built-in ones by `tests::every_builtin_entry_parses`; anything else
/// that cannot be read is skipped.
pub fn parse_all(entries: &[String]) -> Vec<Confusion> {
    entries.iter().filter_map(|e| Confusion::parse(e)).collect()
}

/// Reports each match of `confusions` in the words `para` of `doc`.
pub fn check(
    doc: &Document,
    para: std::ops::Range<usize>,
    confusions: &[Confusion],
    meta: &'static crate::rule::RuleMeta,
    out: &mut Vec<Diagnostic>,
) {
    if confusions.is_empty() {
        return;
    }
    let text = doc.text();
    let words = doc.words();
    for wi in para.clone() {
        for c in confusions {
            if !c.matches_at(doc, wi, para.end) {
                continue;
            }
            let typo_span = words[wi + c.at].span();
            let typo = &text[typo_span.clone()];
            let fix = match_case(typo, &c.correction);
            let phrase = &text[words[wi].span().start..words[wi + c.slots.len() - 1].span().end];
            let fixed = format!(
                "{}{fix}{}",
                &text[words[wi].span().start..typo_span.start],
                &text[typo_span.end..words[wi + c.slots.len() - 1].span().end]
            );
            out.push(
                Diagnostic::new(
                    meta,
                    typo_span.clone(),
                    format!("\"{phrase}\": did you mean \"{fixed}\"?"),
                )
                .with_label("a real word, wrong here")
                .with_fix(Fix::unsafe_(vec![Edit::replace(typo_span, fix)])),
            );
        }
    }
}

/// The correction with the typo's initial capital ("Des" → "De").
fn match_case(typo: &str, correction: &str) -> String {
    if typo.chars().next().is_some_and(char::is_uppercase) {
        let mut c = correction.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    } else {
        correction.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_entry_parses() {
        let langs = crate::lang::Languages::builtin();
        let mut n = 0;
        for l in ["fr", "nl", "en", "de"] {
            for e in &langs.get(l).lists.spelling_confusions {
                assert!(Confusion::parse(e).is_some(), "{l}: {e}");
                n += 1;
            }
        }
        assert!(n >= 3, "the packs hold the shipped confusions");
    }

    #[test]
    fn entries_parse() {
        let c = Confusion::parse("quant a=>à lui/elle").unwrap();
        assert_eq!(c.slots.len(), 3);
        assert_eq!(c.at, 1);
        assert_eq!(c.correction, "à");
        assert!(c.slots[2].matches("Elle"));
        assert!(!c.slots[2].matches("elles"));
        assert!(Confusion::parse("des ses").is_none());
        assert!(Confusion::parse("a=>b c=>d").is_none());
        assert!(Confusion::parse("a=> b").is_none());
        assert!(Confusion::parse("").is_none());
        assert_eq!(match_case("Des", "de"), "De");
        assert_eq!(match_case("des", "de"), "de");
    }
}
