//! Words and sentences with byte spans (UAX #29 via unicode-segmentation).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::source::Span;

/// A word: a UAX #29 word holding at least one letter or digit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte span in the source.
    pub span: Span,
    /// Index of the paragraph holding the word.
    pub para: usize,
    /// Index of the sentence holding the word.
    pub sentence: usize,
}

/// A sentence of one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in the source, trimmed of surrounding whitespace.
    pub span: Span,
    /// Index of the paragraph holding the sentence.
    pub para: usize,
    /// The sentence's words, as indices into the document's words.
    pub words: Range<usize>,
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nr", "vs", "etc", "e.g", "i.e", "m", "mme",
    "mmes", "mlle", "me", "dhr", "mevr", "bv", "bzw", "z.b", "u.a", "ca", "jr", "sr", "inc", "ltd",
    "co", "p", "pp", "art", "ir", "ing", "fig", "resp", "min", "max", "approx", "tel", "tél",
];

/// Splits the paragraph `text` (at byte offset `base`) into sentences and
/// words, appending to `sentences` and `words`.
pub fn tokenize(
    text: &str,
    base: usize,
    para: usize,
    sentences: &mut Vec<Sentence>,
    words: &mut Vec<Word>,
) {
    // UAX #29 ends a sentence at every line break; a hard-wrapped paragraph
    // is one flow of text, so line breaks are read as spaces (same length).
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let mut pending: Option<usize> = None; // start of a sentence being merged
    let bounds: Vec<(usize, &str)> = flat.split_sentence_bound_indices().collect();
    for (k, (start, s)) in bounds.iter().enumerate() {
        let sent_start = pending.unwrap_or(*start);
        let end = start + s.len();
        let next = bounds.get(k + 1).map(|(_, n)| *n);
        if next.is_some() && ends_with_abbreviation(&flat[sent_start..end], next.unwrap_or("")) {
            pending = Some(sent_start);
            continue;
        }
        pending = None;
        push_sentence(&flat, sent_start..end, base, para, sentences, words);
    }
    if let Some(s) = pending {
        push_sentence(&flat, s..flat.len(), base, para, sentences, words);
    }
}

fn ends_with_abbreviation(sentence: &str, next: &str) -> bool {
    let t = sentence.trim_end();
    let Some(body) = t.strip_suffix('.') else {
        return false;
    };
    let last = body
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '«' || c == '"')
        .next()
        .unwrap_or("");
    let lower = last.to_lowercase();
    // An initial ("J. Smith") or a listed abbreviation, followed by more text.
    let initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
    let next_starts_lower = next
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    initial || ABBREVIATIONS.contains(&lower.as_str()) || next_starts_lower
}

fn push_sentence(
    flat: &str,
    range: Range<usize>,
    base: usize,
    para: usize,
    sentences: &mut Vec<Sentence>,
    words: &mut Vec<Word>,
) {
    let s = &flat[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + lead;
    let first_word = words.len();
    let sentence = sentences.len();
    for (off, w) in trimmed.unicode_word_indices() {
        words.push(Word {
            span: base + start + off..base + start + off + w.len(),
            para,
            sentence,
        });
    }
    sentences.push(Sentence {
        span: base + start..base + start + trimmed.len(),
        para,
        words: first_word..words.len(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> (Vec<String>, Vec<String>) {
        let (mut s, mut w) = (Vec::new(), Vec::new());
        tokenize(t, 0, 0, &mut s, &mut w);
        (
            s.iter().map(|x| t[x.span.clone()].to_string()).collect(),
            w.iter().map(|x| t[x.span.clone()].to_string()).collect(),
        )
    }

    #[test]
    fn sentences_across_wrapped_lines() {
        let (s, _) = split("The mayor\nsaid so. Mr. Smith agreed.\r\nThen left.");
        assert_eq!(
            s,
            ["The mayor\nsaid so.", "Mr. Smith agreed.", "Then left."]
        );
    }

    #[test]
    fn words_keep_apostrophes_and_diacritics() {
        let (_, w) = split("L’accord d'Imamoğlu, 2021 !");
        assert_eq!(w, ["L’accord", "d'Imamoğlu", "2021"]);
    }
}
