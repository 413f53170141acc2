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

use std::borrow::Cow;

use foldhash::HashMap;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

/// One word of a confusion: the spellings it matches (lower case).
#[derive(Debug, Clone)]
struct Slot(Vec<String>);

impl Slot {
    /// Whether `word` (as written) is one of the slot's spellings.
    #[cfg(test)]
    fn matches(&self, word: &str) -> bool {
        self.0
            .iter()
            .any(|a| a.chars().eq(word.chars().flat_map(char::to_lowercase)))
    }

    /// [`Slot::matches`] of a word from its lower-cased form (see
    /// [`char_lower`]).
    fn matches_lower(&self, lower: &str) -> bool {
        self.0.iter().any(|a| a == lower)
    }
}

/// The word as [`Slot::matches`] lower-cases it (character by character)
/// from its `str::to_lowercase` form in the word table: the same but for a
/// capital sigma, which `str::to_lowercase` writes by its place in the word.
fn char_lower<'a>(word: &str, table_lower: &'a str) -> Cow<'a, str> {
    if word.contains('Σ') {
        Cow::Owned(word.chars().flat_map(char::to_lowercase).collect())
    } else {
        Cow::Borrowed(table_lower)
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
            slot.matches_lower(&char_lower(w, doc.lexicon().lower(words[wi].id())))
                && (k == 0 || {
                    let between = &text[words[wi - 1].span().end..words[wi].span().start];
                    !between.is_empty() && between.chars().all(|c| c == ' ' || c == '\u{a0}')
                })
        })
    }
}

/// A language's confusions, indexed by the spellings of their first word:
/// a word that opens none is passed over with one lookup.
#[derive(Debug, Clone, Default)]
pub struct Confusions {
    list: Vec<Confusion>,
    /// First-word spelling -> the confusions it opens, in list order.
    by_first: HashMap<String, Vec<usize>>,
}

impl Confusions {
    /// Indexes `list`.
    pub fn new(list: Vec<Confusion>) -> Confusions {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, c) in list.iter().enumerate() {
            for a in c.slots.first().map(|s| s.0.as_slice()).unwrap_or_default() {
                let v = by_first.entry(a.clone()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        Confusions { list, by_first }
    }

    /// Number of confusions.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Parses a language's entries. Entries from a config are checked when
/// the config is read (a malformed one is an error naming its place); the
/// built-in ones by `tests::every_builtin_entry_parses`; anything else
/// that cannot be read is skipped.
pub fn parse_all(entries: &[String]) -> Confusions {
    Confusions::new(entries.iter().filter_map(|e| Confusion::parse(e)).collect())
}

/// Reports each match of `confusions` in the words `para` of `doc`.
pub fn check(
    doc: &Document,
    para: std::ops::Range<usize>,
    confusions: &Confusions,
    meta: &'static crate::rule::RuleMeta,
    out: &mut Vec<Diagnostic>,
) {
    if confusions.is_empty() {
        return;
    }
    let text = doc.text();
    let words = doc.words();
    let lex = doc.lexicon();
    for wi in para.clone() {
        let first = char_lower(&text[words[wi].span()], lex.lower(words[wi].id()));
        let Some(opened) = confusions.by_first.get(first.as_ref()) else {
            continue;
        };
        for c in opened.iter().map(|&i| &confusions.list[i]) {
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

    /// The scan the index replaced: every confusion tried at every word,
    /// each word lower-cased character by character.
    fn scan(doc: &Document, confusions: &[Confusion]) -> Vec<(usize, usize)> {
        let text = doc.text();
        let words = doc.words();
        let mut out = Vec::new();
        for p in doc.paragraphs() {
            for wi in p.words.clone() {
                for (ci, c) in confusions.iter().enumerate() {
                    let fits = wi + c.slots.len() <= p.words.end
                        && c.slots.iter().enumerate().all(|(k, slot)| {
                            let w = wi + k;
                            slot.matches(&text[words[w].span()])
                                && (k == 0 || {
                                    let between = &text[words[w - 1].end()..words[w].start()];
                                    !between.is_empty()
                                        && between.chars().all(|c| c == ' ' || c == '\u{a0}')
                                })
                        });
                    if fits {
                        out.push((wi, ci));
                    }
                }
            }
        }
        out
    }

    fn indexed(doc: &Document, cs: &Confusions) -> Vec<String> {
        let mut out = Vec::new();
        for p in doc.paragraphs() {
            check(
                doc,
                p.words.clone(),
                cs,
                &crate::rules::spelling::META,
                &mut out,
            );
        }
        out.into_iter()
            .map(|d| format!("{:?} {}", d.span, d.message))
            .collect()
    }

    fn doc(text: &str) -> Document {
        let parser = crate::document::SectionParser::new(crate::lang::Languages::builtin());
        Document::parse(crate::source::Source::new("r.txt", text), "fr", &parser)
    }

    const ENTRIES: &[&str] = &[
        "des=>de ses/mes/tes",
        "quant a=>à lui/elle",
        "des/σας x=>y z",
        "des=>dès que",
    ];

    #[test]
    fn index_finds_what_the_scan_finds() {
        let cs = parse_all(&ENTRIES.iter().map(|e| e.to_string()).collect::<Vec<_>>());
        assert_eq!(cs.len(), 4);
        let text = "Title\n\nIl parle DES ses Prix, quant A elle des que. ΣΑΣ x z, σας x z, ΣΑΣ\u{a0}x z.\n";
        let d = doc(text);
        let found = indexed(&d, &cs);
        let words = d.words();
        let expected: Vec<usize> = scan(&d, &cs.list)
            .into_iter()
            .map(|(wi, ci)| words[wi + cs.list[ci].at].start())
            .collect();
        assert_eq!(found.len(), expected.len(), "{found:?}");
        // "ΣΑΣ" lower-cases letter by letter to "σασ", not "σας".
        assert_eq!(found.len(), 4, "{found:?}");
    }

    proptest::proptest! {
        #[test]
        fn index_agrees_with_the_scan(picks in proptest::collection::vec((0usize..12, 0usize..4), 1..30)) {
            let vocab = ["des", "DES", "Des", "ses", "quant", "Quant", "a", "A", "elle", "ΣΑΣ", "σας", "x"];
            let seps = [" ", ", ", "\u{a0}", "\n\n"];
            let mut text = String::from("Titre\n\n");
            for (w, s) in picks {
                text.push_str(vocab[w]);
                text.push_str(seps[s]);
            }
            text.push('\n');
            let cs = parse_all(&ENTRIES.iter().map(|e| e.to_string()).collect::<Vec<_>>());
            let d = doc(&text);
            let words = d.words();
            let found: Vec<usize> = {
                let mut out = Vec::new();
                for p in d.paragraphs() {
                    check(&d, p.words.clone(), &cs, &crate::rules::spelling::META, &mut out);
                }
                out.into_iter().map(|x| x.span.start).collect()
            };
            let expected: Vec<usize> = scan(&d, &cs.list).into_iter().map(|(wi, ci)| words[wi + cs.list[ci].at].start()).collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }
}
