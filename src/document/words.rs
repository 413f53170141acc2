//! The word table: one 16-byte record per word, read by every rule.
//!
//! The words are split once (UAX #29, see [`super::tokens`]); this module
//! gives each an interned id of its lower-cased form and flags that rules
//! would otherwise recompute from the text (capitals, digits, sentence
//! start). Lower-casing, folding and the flags of a spelling are computed
//! once per distinct spelling of the document, not once per word: a
//! release repeats a few hundred distinct words thousands of times.
//!
//! The interner is per document: documents are checked in parallel, and a
//! shared one would need a lock on every distinct word for a few hundred
//! strings saved per release.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lang::Languages;
use crate::source::Span;

/// The id of a lower-cased spelling in the document's [`Lexicon`]: two
/// words have the same id exactly when their `str::to_lowercase` forms are
/// equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct WordId(pub u32);

/// What is known of a word from its spelling and place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordFlags(u32);

impl WordFlags {
    /// The first character is upper case ("Office", "UNESCO").
    pub const CAPITALISED: WordFlags = WordFlags(1);
    /// Two letters or more, none lower case ("CHP", "UNESCO").
    pub const ALL_CAPS: WordFlags = WordFlags(1 << 1);
    /// It holds a letter (`char::is_alphabetic`).
    pub const HAS_LETTER: WordFlags = WordFlags(1 << 2);
    /// It holds two letters or more.
    pub const LETTERS2: WordFlags = WordFlags(1 << 3);
    /// It holds an ASCII digit.
    pub const HAS_DIGIT: WordFlags = WordFlags(1 << 4);
    /// It is the first word of its sentence.
    pub const SENTENCE_START: WordFlags = WordFlags(1 << 5);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: WordFlags) -> bool {
        self.0 & other.0 == other.0
    }

    fn insert(&mut self, other: WordFlags) {
        self.0 |= other.0;
    }

    /// The flags a spelling alone tells (all but [`Self::SENTENCE_START`]).
    fn of_spelling(w: &str) -> WordFlags {
        let mut f = WordFlags::default();
        let mut letters = 0usize;
        let mut lower = false;
        let mut digit = false;
        if w.is_ascii() {
            for b in w.bytes() {
                if b.is_ascii_alphabetic() {
                    letters += 1;
                    lower |= b.is_ascii_lowercase();
                }
                digit |= b.is_ascii_digit();
            }
        } else {
            for c in w.chars() {
                if c.is_alphabetic() {
                    letters += 1;
                    lower |= c.is_lowercase();
                }
                digit |= c.is_ascii_digit();
            }
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            f.insert(WordFlags::CAPITALISED);
        }
        if letters >= 2 && !lower {
            f.insert(WordFlags::ALL_CAPS);
        }
        if letters >= 1 {
            f.insert(WordFlags::HAS_LETTER);
        }
        if letters >= 2 {
            f.insert(WordFlags::LETTERS2);
        }
        if digit {
            f.insert(WordFlags::HAS_DIGIT);
        }
        f
    }
}

/// A word: letters and digits (with their combining marks) as a byte span,
/// its lower-cased form's id and its flags. Its paragraph and sentence are
/// known from their `words` ranges, and the id and the flags share one
/// `u32` (the id above [`FLAG_BITS`] bits of flags), so a word costs 12
/// bytes (a 10 MB release has 1.6 million of them).
///
/// Offsets are `u32`: words past the first 4 GiB of a file are not in the
/// table; nor are the words from the one that would need the
/// [`MAX_WORD_IDS`]-th distinct lower-cased form on (a file of hundreds of
/// megabytes of distinct words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    start: u32,
    end: u32,
    /// `id << FLAG_BITS | flags`.
    packed: u32,
}

/// Bits of a [`Word`]'s flags.
const FLAG_BITS: u32 = 6;

/// How many distinct lower-cased forms a document's word table holds.
pub const MAX_WORD_IDS: usize = 1 << (32 - FLAG_BITS);

impl Word {
    /// A word at `span`, not yet interned; `None` past 4 GiB.
    pub(crate) fn new(span: Span) -> Option<Word> {
        Some(Word {
            start: u32::try_from(span.start).ok()?,
            end: u32::try_from(span.end).ok()?,
            packed: 0,
        })
    }

    /// Byte span in the source.
    pub fn span(&self) -> Span {
        self.start as usize..self.end as usize
    }

    /// Byte offset of its first character.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset just past it.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The id of its lower-cased form.
    pub fn id(&self) -> WordId {
        WordId(self.packed >> FLAG_BITS)
    }

    /// Its flags.
    pub fn flags(&self) -> WordFlags {
        WordFlags(self.packed & ((1 << FLAG_BITS) - 1))
    }

    /// Whether every flag of `f` is set.
    pub fn is(&self, f: WordFlags) -> bool {
        self.flags().contains(f)
    }

    fn set(&mut self, id: WordId, flags: WordFlags) {
        self.packed = id.0 << FLAG_BITS | flags.0;
    }
}

/// The distinct lower-cased words of a document, by [`WordId`].
#[derive(Debug, Default)]
pub struct Lexicon {
    lower: Vec<Box<str>>,
    /// Function-word masks of the candidate languages, by id, computed on
    /// first use (see [`Lexicon::masks`]).
    masks: OnceLock<Vec<u64>>,
}

impl Lexicon {
    /// The lower-cased form (`str::to_lowercase`) of `id`.
    pub fn lower(&self, id: WordId) -> &str {
        self.lower.get(id.0 as usize).map_or("", |s| s)
    }

    /// Number of distinct lower-cased words.
    pub fn len(&self) -> usize {
        self.lower.len()
    }

    /// Whether the document has no word.
    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }

    /// [`Languages::candidate_mask`] of every id (bit `k` for the `k`-th
    /// candidate language), computed once per document on first use:
    /// a document is checked with one run's languages.
    pub fn masks(&self, langs: &Languages) -> &[u64] {
        self.masks
            .get_or_init(|| self.lower.iter().map(|w| langs.candidate_mask(w)).collect())
    }
}

/// Gives every word of `words` its id and flags; `sentence_starts` are the
/// first words of the sentences, for [`WordFlags::SENTENCE_START`]. Drops
/// the words from the one that would need a [`MAX_WORD_IDS`]-th id on
/// (the caller clamps its ranges to what is left).
pub(crate) fn intern(
    text: &str,
    words: &mut Vec<Word>,
    sentence_starts: impl Iterator<Item = usize>,
) -> Lexicon {
    intern_up_to(text, words, sentence_starts, MAX_WORD_IDS)
}

/// [`intern`] with at most `max_ids` distinct forms.
fn intern_up_to(
    text: &str,
    words: &mut Vec<Word>,
    sentence_starts: impl Iterator<Item = usize>,
    max_ids: usize,
) -> Lexicon {
    // Spelling as written -> (id, flags): one hash of the bytes per word;
    // lower-casing and the flags once per distinct spelling.
    let mut spelled: HashMap<&str, (WordId, WordFlags), foldhash::fast::RandomState> =
        HashMap::default();
    let mut ids: HashMap<Box<str>, WordId, foldhash::fast::RandomState> = HashMap::default();
    let mut lex = Lexicon::default();
    let mut buf = String::new();
    let mut kept = words.len();
    for (k, w) in words.iter_mut().enumerate() {
        let s = &text[w.span()];
        let (id, flags) = match spelled.get(s) {
            Some(&v) => v,
            None => {
                crate::lang::lower_into(s, &mut buf);
                let id = match ids.get(buf.as_str()) {
                    Some(&id) => id,
                    None if lex.lower.len() >= max_ids => {
                        kept = k;
                        break;
                    }
                    None => {
                        // Below `MAX_WORD_IDS`, so it fits in the id's bits.
                        let id = WordId(lex.lower.len() as u32);
                        let lower: Box<str> = buf.as_str().into();
                        lex.lower.push(lower.clone());
                        ids.insert(lower, id);
                        id
                    }
                };
                let v = (id, WordFlags::of_spelling(s));
                spelled.insert(s, v);
                v
            }
        };
        w.set(id, flags);
    }
    words.truncate(kept);
    for i in sentence_starts {
        if let Some(w) = words.get_mut(i) {
            let mut f = w.flags();
            f.insert(WordFlags::SENTENCE_START);
            w.set(w.id(), f);
        }
    }
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> (Vec<Word>, Lexicon) {
        let mut words: Vec<Word> = text
            .unicode_word_indices_spans()
            .into_iter()
            .filter_map(Word::new)
            .collect();
        let lex = intern(text, &mut words, [0].into_iter());
        (words, lex)
    }

    trait Spans {
        fn unicode_word_indices_spans(&self) -> Vec<Span>;
    }
    impl Spans for str {
        fn unicode_word_indices_spans(&self) -> Vec<Span> {
            use unicode_segmentation::UnicodeSegmentation;
            self.unicode_word_indices()
                .map(|(i, w)| i..i + w.len())
                .collect()
        }
    }

    #[test]
    fn record_is_12_bytes() {
        assert_eq!(std::mem::size_of::<Word>(), 12);
    }

    #[test]
    fn flags_fit_their_bits() {
        let all = [
            WordFlags::CAPITALISED,
            WordFlags::ALL_CAPS,
            WordFlags::HAS_LETTER,
            WordFlags::LETTERS2,
            WordFlags::HAS_DIGIT,
            WordFlags::SENTENCE_START,
        ];
        for f in all {
            assert!(f.0 < 1 << FLAG_BITS);
        }
        // The largest id and every flag survive packing.
        let mut w = Word::new(3..7).expect("small span");
        let id = WordId(MAX_WORD_IDS as u32 - 1);
        let flags = WordFlags(all.iter().fold(0, |a, f| a | f.0));
        w.set(id, flags);
        assert_eq!((w.id(), w.flags(), w.span()), (id, flags, 3..7));
    }

    #[test]
    fn words_past_the_id_limit_are_dropped() {
        let text = "a b A c b d";
        let mut words: Vec<Word> = text
            .unicode_word_indices_spans()
            .into_iter()
            .filter_map(Word::new)
            .collect();
        let lex = intern_up_to(text, &mut words, [0, 4].into_iter(), 2);
        // "c" would be a third form: it and the words after it are dropped.
        assert_eq!(words.len(), 3);
        assert_eq!(lex.len(), 2);
        assert_eq!(words[2].id(), words[0].id());
        assert!(words[0].is(WordFlags::SENTENCE_START));
        assert!(words[2].is(WordFlags::CAPITALISED));
    }

    #[test]
    fn ids_are_lower_case_forms() {
        let (w, lex) = table("The the THE État état ÉTAT thé 2021");
        assert_eq!(w[0].id(), w[1].id());
        assert_eq!(w[1].id(), w[2].id());
        assert_eq!(w[3].id(), w[4].id());
        assert_eq!(w[4].id(), w[5].id());
        assert_ne!(w[0].id(), w[6].id());
        assert_eq!(lex.lower(w[5].id()), "état");
        assert_eq!(lex.len(), 4);
    }

    #[test]
    fn flags() {
        let (w, _) = table("Office office UNESCO a3 X 1,5 É");
        assert!(w[0].is(WordFlags::CAPITALISED) && w[0].is(WordFlags::SENTENCE_START));
        assert!(!w[0].is(WordFlags::ALL_CAPS));
        assert!(!w[1].is(WordFlags::CAPITALISED) && !w[1].is(WordFlags::SENTENCE_START));
        assert!(w[2].is(WordFlags::ALL_CAPS) && w[2].is(WordFlags::LETTERS2));
        assert!(w[3].is(WordFlags::HAS_DIGIT) && w[3].is(WordFlags::HAS_LETTER));
        assert!(!w[3].is(WordFlags::LETTERS2));
        assert!(w[4].is(WordFlags::CAPITALISED) && !w[4].is(WordFlags::ALL_CAPS));
        assert!(!w[5].is(WordFlags::HAS_LETTER) && w[5].is(WordFlags::HAS_DIGIT));
        assert!(w[6].is(WordFlags::CAPITALISED) && w[6].is(WordFlags::HAS_LETTER));
    }

    #[test]
    fn words_past_4_gib_are_not_recorded() {
        assert!(Word::new(0..(u32::MAX as usize + 1)).is_none());
        assert!(Word::new(0..1).is_some());
    }
}
