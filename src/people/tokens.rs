//! Name-level tokens of a paragraph: runs of letters and digits with their
//! inner hyphens and apostrophes ("Ministre-Président", "d’État",
//! "Imamoğlu"), the text between them, and whether each opens a sentence.

use crate::document::Document;
use crate::source::Span;

use std::sync::Arc;

use super::fold::{fold_into, is_apostrophe, is_hyphen, is_mark};

/// The folded forms of a document's tokens, each stored once: a release
/// repeats a few thousand distinct words, so a token holds a shared
/// pointer instead of its own string (half the heap of a big release).
#[derive(Debug, Default)]
pub struct Interner {
    set: std::collections::HashSet<Folded, foldhash::fast::RandomState>,
    buf: String,
}

impl Interner {
    /// The shared copy of the folded form of `word`.
    fn fold(&mut self, word: &str) -> Folded {
        fold_into(word, &mut self.buf);
        if let Some(a) = self.set.get(self.buf.as_str()) {
            return a.clone();
        }
        let a = Folded(Arc::new(self.buf.as_str().into()));
        self.set.insert(a.clone());
        a
    }
}

/// A folded token text, shared by equal tokens: a thin pointer (8 bytes,
/// where an `Arc<str>` takes 16), dereferencing to `str`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Folded(Arc<Box<str>>);

impl std::ops::Deref for Folded {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Folded {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Folded {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// One token of a paragraph: 24 bytes (offsets as `u32`; a token past
/// the first 4 GiB of a file is not recorded).
#[derive(Debug, Clone)]
pub struct Tok {
    /// The folded text (see [`super::fold::fold`]), shared by equal tokens.
    pub folded: Folded,
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

/// Tokenises paragraph `para` of `doc`.
pub fn tokenize(doc: &Document, para: usize) -> Vec<Tok> {
    tokenize_with(doc, para, &mut Interner::default())
}

/// Tokenises paragraph `para` of `doc`, folded forms shared through `interner`.
pub fn tokenize_with(doc: &Document, para: usize, interner: &mut Interner) -> Vec<Tok> {
    let p = &doc.paragraphs()[para];
    let text = doc.text();
    let base = p.span.start;
    let s = &text[p.span.clone()];
    let sentence_starts: Vec<usize> = doc.sentences()[p.sentences.clone()]
        .iter()
        .map(|s| s.span.start)
        .collect();
    let mut out: Vec<Tok> = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let mut prev_end = 0;
    let mut next_sentence = 0;
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
        let word = &s[start..end];
        let abs = base + start;
        let mut sent_start = false;
        while next_sentence < sentence_starts.len() && sentence_starts[next_sentence] <= abs {
            sent_start = true;
            next_sentence += 1;
        }
        let letters = word.chars().filter(|c| c.is_alphabetic());
        let (mut n, mut lower) = (0, false);
        for l in letters {
            n += 1;
            lower |= l.is_lowercase();
        }
        let (Ok(t_start), Ok(t_end), Ok(gap_start)) = (
            u32::try_from(abs),
            u32::try_from(base + end),
            u32::try_from(base + prev_end),
        ) else {
            break;
        };
        out.push(Tok {
            start: t_start,
            end: t_end,
            gap_start,
            folded: interner.fold(word),
            cap: c.is_uppercase(),
            all_caps: n >= 2 && !lower,
            digit: word.chars().any(|c| c.is_ascii_digit()),
            sent_start: sent_start || out.is_empty(),
        });
        prev_end = end;
        i = j;
    }
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

    #[test]
    fn token_is_24_bytes() {
        assert_eq!(std::mem::size_of::<Tok>(), 24);
    }

    #[test]
    fn elision() {
        assert_eq!(elision_len("d’État"), "d’".len());
        assert_eq!(elision_len("l'Urbanisme"), 2);
        assert_eq!(elision_len("aujourd’hui"), 0);
        assert_eq!(elision_len("O'Brien"), 0);
    }
}
