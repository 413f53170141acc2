//! Name-level tokens of a paragraph: runs of letters and digits with their
//! inner hyphens and apostrophes ("Ministre-Président", "d’État",
//! "Imamoğlu"), the text between them, and whether each opens a sentence.

use std::collections::HashMap;

use crate::document::Document;
use crate::source::Span;

use super::fold::{fold_into, is_apostrophe, is_hyphen, is_mark};

/// The id of a folded token text in its document's [`Folds`]: two tokens
/// have the same id exactly when their folded forms are equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FoldedId(u32);

/// The folded forms of a document's tokens, each stored once: a release
/// repeats a few thousand distinct words, so a token holds a 4-byte id
/// instead of its own string or a pointer.
#[derive(Debug, Default)]
pub struct Folds {
    strs: Vec<Box<str>>,
}

impl Folds {
    /// The folded text of `id` (empty for an id of another document).
    pub fn get(&self, id: FoldedId) -> &str {
        self.strs.get(id.0 as usize).map_or("", |s| s)
    }

    /// Number of distinct folded forms.
    pub fn len(&self) -> usize {
        self.strs.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.strs.is_empty()
    }
}

/// What a spelling alone tells of a token: its folded id and flags.
#[derive(Debug, Clone, Copy)]
struct Spelled {
    folded: FoldedId,
    cap: bool,
    all_caps: bool,
    digit: bool,
}

/// Interns the folded forms of a document's tokens. Folding and the
/// flags are computed once per distinct spelling, not once per token.
#[derive(Debug, Default)]
pub struct Interner<'a> {
    folds: Folds,
    ids: HashMap<Box<str>, FoldedId, foldhash::fast::RandomState>,
    /// Spelling as written -> what it tells: one hash of the bytes per token.
    spelled: HashMap<&'a str, Spelled, foldhash::fast::RandomState>,
    buf: String,
}

impl<'a> Interner<'a> {
    /// The id of the folded form of `word`.
    fn fold(&mut self, word: &str) -> FoldedId {
        fold_into(word, &mut self.buf);
        if let Some(&id) = self.ids.get(self.buf.as_str()) {
            return id;
        }
        // More than 2^32 distinct forms cannot occur: tokens lie in the
        // first 4 GiB and each distinct form needs at least one byte.
        let id = FoldedId(u32::try_from(self.folds.strs.len()).unwrap_or(u32::MAX));
        let s: Box<str> = self.buf.as_str().into();
        self.folds.strs.push(s.clone());
        self.ids.insert(s, id);
        id
    }

    /// What `word` tells of a token, computed once per spelling.
    fn spelled(&mut self, word: &'a str) -> Spelled {
        if let Some(&sp) = self.spelled.get(word) {
            return sp;
        }
        let (mut n, mut lower) = (0, false);
        for l in word.chars().filter(|c| c.is_alphabetic()) {
            n += 1;
            lower |= l.is_lowercase();
        }
        let sp = Spelled {
            folded: self.fold(word),
            cap: word.chars().next().is_some_and(char::is_uppercase),
            all_caps: n >= 2 && !lower,
            digit: word.bytes().any(|b| b.is_ascii_digit()),
        };
        self.spelled.insert(word, sp);
        sp
    }

    /// The folded forms interned so far.
    pub fn folds(&self) -> &Folds {
        &self.folds
    }

    /// The folded forms, taking them out of the interner.
    pub fn into_folds(self) -> Folds {
        self.folds
    }
}

/// One token of a paragraph: 20 bytes (offsets as `u32`; a token past
/// the first 4 GiB of a file is not recorded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    /// The id of the folded text (see [`super::fold::fold`]) in the
    /// document's [`Folds`].
    pub folded: FoldedId,
    start: u32,
    end: u32,
    /// Where the text since the previous token (or the paragraph start) begins.
    gap_start: u32,
    /// The first letter is upper case.
    pub cap: bool,
    /// Two or more letters, none lower case ("CHP", "UNESCO").
    pub all_caps: bool,
    /// It holds a digit.
    pub digit: bool,
    /// It is the first token of its sentence.
    pub sent_start: bool,
}

impl Tok {
    /// Byte span in the source.
    pub fn span(&self) -> Span {
        self.start as usize..self.end as usize
    }

    /// The text between the previous token (or the paragraph start) and this one.
    pub fn gap(&self) -> Span {
        self.gap_start as usize..self.start as usize
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// The character at byte `i` of `s` (a char boundary), if any.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// The byte ranges of the tokens of `s`, relative to `s`: runs of letters,
/// digits and combining marks (not opening with a mark), joined by an
/// apostrophe or hyphen followed by a letter or digit.
fn token_ranges(s: &str, mut push: impl FnMut(usize, usize)) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // ASCII bytes that are no letter or digit start no token.
        if b[i] < 0x80 && !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let Some(c) = char_at(s, i) else { break };
        if !is_word_char(c) || is_mark(c) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut j = i + c.len_utf8();
        while j < b.len() {
            if b[j] < 0x80 {
                if b[j].is_ascii_alphanumeric() {
                    j += 1;
                    continue;
                }
                if !matches!(b[j], b'\'' | b'`' | b'-') {
                    break;
                }
            }
            let Some(c) = char_at(s, j) else { break };
            if is_word_char(c) {
                j += c.len_utf8();
            } else if (is_apostrophe(c) || is_hyphen(c)) && c != '‘' {
                match char_at(s, j + c.len_utf8()) {
                    Some(n) if n.is_alphanumeric() => j += c.len_utf8() + n.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        push(start, j);
        i = j;
    }
}

/// Tokenises paragraph `para` of `doc`, with the folded forms it needs.
pub fn tokenize(doc: &Document, para: usize) -> (Vec<Tok>, Folds) {
    let mut interner = Interner::default();
    let toks = tokenize_with(doc, para, &mut interner);
    (toks, interner.into_folds())
}

/// Tokenises paragraph `para` of `doc`, folded forms interned in `interner`.
pub fn tokenize_with<'a>(doc: &'a Document, para: usize, interner: &mut Interner<'a>) -> Vec<Tok> {
    let p = &doc.paragraphs()[para];
    let text = doc.text();
    let base = p.span.start;
    let s = &text[p.span.clone()];
    let sentences = &doc.sentences()[p.sentences.clone()];
    let mut out: Vec<Tok> = Vec::new();
    let mut prev_end = 0;
    let mut next_sentence = 0;
    let mut stop = false;
    token_ranges(s, |start, end| {
        if stop {
            return;
        }
        let word = &s[start..end];
        let abs = base + start;
        let mut sent_start = false;
        while next_sentence < sentences.len() && sentences[next_sentence].span.start <= abs {
            sent_start = true;
            next_sentence += 1;
        }
        let (Ok(t_start), Ok(t_end), Ok(gap_start)) = (
            u32::try_from(abs),
            u32::try_from(base + end),
            u32::try_from(base + prev_end),
        ) else {
            stop = true;
            return;
        };
        let sp = interner.spelled(word);
        out.push(Tok {
            start: t_start,
            end: t_end,
            gap_start,
            folded: sp.folded,
            cap: sp.cap,
            all_caps: sp.all_caps,
            digit: sp.digit,
            sent_start: sent_start || out.is_empty(),
        });
        prev_end = end;
    });
    // Kept for the document's life: no growth slack.
    out.shrink_to_fit();
    out
}

/// The part of a token after a lower-case elision ("d’État" → "État",
/// "l'Urbanisme" → "Urbanisme"), as a byte offset into the token.
pub fn elision_len(word: &str) -> usize {
    for (seen, (i, c)) in word.char_indices().enumerate() {
        if is_apostrophe(c) {
            let rest = &word[i + c.len_utf8()..];
            return if seen > 0 && seen <= 7 && rest.chars().next().is_some_and(char::is_uppercase) {
                i + c.len_utf8()
            } else {
                0
            };
        }
        if !c.is_lowercase() {
            return 0;
        }
    }
    0
}

/// A folded word without its elided article or preposition ("l'economie"
/// → "economie", "qu'il" → "il").
pub fn strip_folded_elision(f: &str) -> &str {
    match f.find('\'') {
        Some(i) if i > 0 && i <= 7 && f[..i].chars().all(char::is_alphabetic) => &f[i + 1..],
        _ => f,
    }
}

/// Whether the gap holds only whitespace.
pub fn gap_is_space(gap: &str) -> bool {
    gap.chars().all(crate::document::text::is_space)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tokenizer before [`token_ranges`] (a vector of every character
    /// of the paragraph), kept as the oracle: the byte ranges of its tokens.
    fn oracle_ranges(s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (start, c) = chars[i];
            if !is_word_char(c) || is_mark(c) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                if is_word_char(c) {
                    j += 1;
                } else if (is_apostrophe(c) || is_hyphen(c))
                    && c != '‘'
                    && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric())
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(s.len(), |&(b, _)| b);
            out.push((start, end));
            i = j;
        }
        out
    }

    /// The oracle's flags of a token, computed from its text.
    fn oracle_flags(word: &str) -> (bool, bool, bool) {
        let (mut n, mut lower) = (0, false);
        for l in word.chars().filter(|c| c.is_alphabetic()) {
            n += 1;
            lower |= l.is_lowercase();
        }
        (
            word.chars().next().is_some_and(char::is_uppercase),
            n >= 2 && !lower,
            word.chars().any(|c| c.is_ascii_digit()),
        )
    }

    fn ranges(s: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        token_ranges(s, |a, b| v.push((a, b)));
        v
    }

    #[test]
    fn ranges_match_the_oracle_on_cases() {
        for s in [
            "",
            "Ministre-Président d’État l'Urbanisme Imamoğlu",
            "‘quoted’ word-- -x x- 'a a' 1,5 e.g. jean@example.org",
            "Cafe\u{301} \u{301}x de\u{301}ja`vu d´accord ʼok a‐b a‑b",
            "O'Brien's 3-4 x—y «Jean» ß Straße İstanbul",
            "a'‘b a-‘b a'-b ’’ a’’b",
        ] {
            assert_eq!(ranges(s), oracle_ranges(s), "{s:?}");
        }
    }

    #[test]
    fn interned_forms_and_flags() {
        let mut i = Interner::default();
        let a = i.spelled("État");
        let b = i.spelled("etat");
        let c = i.spelled("UNESCO");
        assert_eq!(a.folded, b.folded);
        assert_ne!(a.folded, c.folded);
        assert_eq!(i.folds().get(a.folded), "etat");
        assert_eq!(i.folds().len(), 2);
        assert!(a.cap && !a.all_caps && !b.cap && c.all_caps);
        assert!(i.spelled("a3").digit);
    }

    proptest! {
        #[test]
        fn ranges_match_the_oracle(s in "[a-zA-Z0-9 '’‘`´ʼ\\-‐‑—.,éÉß\u{301}İ«»_@]{0,40}") {
            prop_assert_eq!(ranges(&s), oracle_ranges(&s));
        }

        #[test]
        fn flags_match_the_oracle(s in "[a-zA-Z0-9'’\\-éÉßİ\u{301}]{1,12}") {
            let mut i = Interner::default();
            let sp = i.spelled(&s);
            prop_assert_eq!((sp.cap, sp.all_caps, sp.digit), oracle_flags(&s));
            prop_assert_eq!(i.folds().get(sp.folded), super::super::fold::fold(&s));
        }
    }

    #[test]
    fn token_is_20_bytes() {
        assert_eq!(std::mem::size_of::<Tok>(), 20);
    }

    #[test]
    fn elision() {
        assert_eq!(elision_len("d’État"), "d’".len());
        assert_eq!(elision_len("l'Urbanisme"), 2);
        assert_eq!(elision_len("aujourd’hui"), 0);
        assert_eq!(elision_len("O'Brien"), 0);
    }
}
