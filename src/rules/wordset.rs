//! A case-insensitive set of the release's words, borrowed from the text.
//!
//! Built in one pass over the word table, without allocating per word: each
//! entry is a slice of the source, hashed and compared through its
//! lower-cased characters. Rules that ask "does this word occur elsewhere
//! in the release?" for a few candidates build it lazily, once.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use crate::document::Document;

/// A string slice compared case-insensitively (Unicode lower case).
#[derive(Debug, Clone, Copy)]
pub struct Folded<'a>(pub &'a str);

impl Folded<'_> {
    fn folded(&self) -> impl Iterator<Item = char> + '_ {
        self.0.chars().flat_map(char::to_lowercase)
    }
}

impl Hash for Folded<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for c in self.folded() {
            c.hash(state);
        }
        0xffu8.hash(state);
    }
}

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.folded().eq(other.folded())
    }
}

impl Eq for Folded<'_> {}

/// The release's words and its hyphenated compounds ("state-of", "e-mail":
/// two words joined by one `-`), case-insensitively.
#[derive(Debug, Default)]
pub struct WordSet<'a> {
    words: HashSet<Folded<'a>>,
    compounds: HashSet<Folded<'a>>,
}

impl<'a> WordSet<'a> {
    /// Indexes every word of `doc`, and every pair of words joined by a
    /// single hyphen inside a paragraph.
    pub fn new(doc: &'a Document) -> Self {
        let text = doc.text();
        let mut set = WordSet::default();
        for p in doc.paragraphs() {
            let ws = &doc.words()[p.words.clone()];
            for (i, w) in ws.iter().enumerate() {
                set.words.insert(Folded(&text[w.span()]));
                if let Some(next) = ws.get(i + 1) {
                    if &text[w.end()..next.start()] == "-" {
                        set.compounds.insert(Folded(&text[w.start()..next.end()]));
                    }
                }
            }
        }
        set
    }

    /// Whether `word` occurs as a word of the release (any case).
    pub fn has_word(&self, word: &str) -> bool {
        self.words.contains(&Folded(word))
    }

    /// Whether `compound` ("well-known") occurs as two words joined by a
    /// hyphen (any case).
    pub fn has_compound(&self, compound: &str) -> bool {
        self.compounds.contains(&Folded(compound))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SectionParser;
    use crate::lang::Languages;
    use crate::source::Source;

    #[test]
    fn folds_case_and_finds_compounds() {
        let parser = SectionParser::new(Languages::builtin());
        let doc = Document::parse(
            Source::new("r.txt", "Title\n\nThe well-known Café opens. ÉTÉ\n"),
            "en",
            &parser,
        );
        let set = WordSet::new(&doc);
        assert!(set.has_word("café"));
        assert!(set.has_word("été"));
        assert!(set.has_word("THE"));
        assert!(!set.has_word("cafe"));
        assert!(set.has_compound("Well-Known"));
        assert!(!set.has_compound("well known"));
        assert!(!set.has_word("well-known"));
    }
}
