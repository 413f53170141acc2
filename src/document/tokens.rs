//! Words and sentences with byte spans.
//!
//! Words are UAX #29 words (unicode-segmentation). Sentences are found by a
//! single linear pass tuned for press releases (see [`tokenize`]): UAX #29
//! sentence rules end a sentence at every line break of a hard-wrapped
//! paragraph and inside German dates ("10. März"), and they cost about 240
//! instructions per byte where this pass costs a few.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::source::Span;

pub use super::words::Word;

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
    "co", "p", "pp", "art", "ir", "ing", "fig", "resp", "min", "max", "approx", "tel", "tél", "cf",
    "vol", "ed", "env", "av", "bd", "blvd", "gen", "gov", "sen", "rep", "dept", "str", "nos",
];

/// Appends the words of `text[range]` (at byte offset `base`): UAX #29
/// words holding at least one letter or digit.
fn words_in(text: &str, range: Range<usize>, base: usize, words: &mut Vec<Word>) {
    let off = base + range.start;
    word_spans(&text[range], |r| {
        if let Some(w) = Word::new(off + r.start..off + r.end) {
            words.push(w);
        }
    });
}

/// The spans of `s.unicode_word_indices()`, with a fast path: UAX #29
/// always breaks at both sides of an ASCII whitespace character (a space
/// only joins another space, and a combining mark after it belongs to no
/// word with a letter), so `s` is cut there, and a piece that is all ASCII
/// is segmented by the ASCII subset of the rules ([`ascii_words`]); other
/// pieces go to unicode-segmentation. `tests::ascii_fast_path_is_uax29`
/// checks the two agree.
fn word_spans(s: &str, mut push: impl FnMut(Range<usize>)) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut ascii = true;
        while i < b.len() && !b[i].is_ascii_whitespace() {
            ascii &= b[i].is_ascii();
            i += 1;
        }
        let piece = &s[start..i];
        if ascii {
            ascii_words(piece.as_bytes(), |r| push(start + r.start..start + r.end));
        } else {
            for (j, w) in piece.unicode_word_indices() {
                push(start + j..start + j + w.len());
            }
        }
    }
}

/// Word-break classes of ASCII characters (UAX #29, table 3).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    Letter,
    Numeric,
    ExtendNumLet,
    MidLetter,
    MidNum,
    /// MidNumLet or Single_Quote: both behave as MidNumLetQ here.
    MidNumLetQ,
    Other,
}

fn wb(b: u8) -> Wb {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Wb::Letter,
        b'0'..=b'9' => Wb::Numeric,
        b'_' => Wb::ExtendNumLet,
        b':' => Wb::MidLetter,
        b',' | b';' => Wb::MidNum,
        b'.' | b'\'' => Wb::MidNumLetQ,
        _ => Wb::Other,
    }
}

/// UAX #29 words of an ASCII piece without whitespace (rules WB5–WB13b;
/// the others concern characters it cannot hold), keeping those with a
/// letter or digit as `unicode_word_indices` does.
fn ascii_words(b: &[u8], mut push: impl FnMut(Range<usize>)) {
    let class = |i: usize| b.get(i).map_or(Wb::Other, |&c| wb(c));
    let joined = |i: usize| -> bool {
        // Whether there is no break between b[i - 1] and b[i].
        use Wb::*;
        let (x, y) = (class(i - 1), class(i));
        let before = if i >= 2 { class(i - 2) } else { Other };
        let after = class(i + 1);
        match (x, y) {
            (Letter, Letter) | (Letter, Numeric) | (Numeric, Letter) | (Numeric, Numeric) => true,
            (Letter, MidLetter | MidNumLetQ) => after == Letter,
            (MidLetter | MidNumLetQ, Letter) => before == Letter,
            (Numeric, MidNum | MidNumLetQ) => after == Numeric,
            (MidNum | MidNumLetQ, Numeric) => before == Numeric,
            (Letter | Numeric | ExtendNumLet, ExtendNumLet) => true,
            (ExtendNumLet, Letter | Numeric) => true,
            _ => false,
        }
    };
    let mut start = 0;
    for i in 1..=b.len() {
        if i == b.len() || !joined(i) {
            if b[start..i].iter().any(u8::is_ascii_alphanumeric) {
                push(start..i);
            }
            start = i;
        }
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | '\'' | '’' | ')' | ']' | '“' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '«' | '“'
            | '"'
            | '„'
            | '‘'
            | '('
            | '['
            | '¿'
            | '¡'
            | '‹'
            | '‚'
            | '–'
            | '—'
            | '-'
            | '•'
    )
}

/// The word just before byte `end` of `s` (letters, digits, inner dots).
fn word_before(s: &str, end: usize) -> &str {
    let head = &s[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// Splits the paragraph `text` (at byte offset `base`) into sentences and
/// words, appending to `sentences` and `words`.
///
/// A sentence ends at `.`, `!`, `?` or `…` (and any closing quotes or
/// brackets after them, even after a space as in French "… fin. »") when
/// whitespace follows and the next text starts with a capital, a digit or an
/// opening quote. A full stop after an abbreviation ("Mr.", "p.", "etc."),
/// an initial ("J. Smith") or a day number before a month name ("10. März")
/// does not end a sentence.
pub fn tokenize(
    text: &str,
    base: usize,
    para: usize,
    sentences: &mut Vec<Sentence>,
    words: &mut Vec<Word>,
) {
    tokenize_with(text, base, para, sentences, words, &|_| false)
}

/// [`tokenize`], with `is_month` telling month names (lower case) so that a
/// German ordinal date ("10. März") stays inside its sentence.
pub fn tokenize_with(
    text: &str,
    base: usize,
    para: usize,
    sentences: &mut Vec<Sentence>,
    words: &mut Vec<Word>,
    is_month: &dyn Fn(&str) -> bool,
) {
    let bytes = text.as_bytes();
    let mut sent_start = 0;
    let mut i = 0;
    while i < text.len() {
        // The next terminator: `.`, `!` and `?` are ASCII, and `…`
        // (E2 80 A6) is the one to open with E2 among them; a byte search
        // lands on character boundaries only.
        match bytes[i..]
            .iter()
            .position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
        {
            Some(k) => i += k,
            None => break,
        }
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let clen = c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += clen;
            continue;
        }
        // The run of terminators, then closers (possibly after spaces).
        let term_start = i;
        let mut j = i + clen;
        while let Some(d) = text[j..].chars().next() {
            if matches!(d, '.' | '!' | '?' | '…') {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        let mut end = j;
        let mut k = j;
        loop {
            let ws = text[k..].len()
                - text[k..]
                    .trim_start_matches([' ', '\u{a0}', '\u{202f}'])
                    .len();
            let at = k + ws;
            let Some(d) = text[at..].chars().next() else {
                break;
            };
            // A closing mark glued to the next word opens the next sentence.
            let after = text[at + d.len_utf8()..].chars().next();
            if !is_closer(d) || after.is_some_and(char::is_alphanumeric) {
                break;
            }
            k = at + d.len_utf8();
            end = k;
        }
        // Whitespace must follow, then a sentence opening.
        let rest = &text[end..];
        let ws = rest.len() - rest.trim_start().len();
        let next = rest[ws..].chars().next();
        let boundary = match next {
            None => true,
            Some(n) if ws > 0 => n.is_uppercase() || n.is_numeric() || is_opener(n),
            _ => false,
        };
        let boundary = boundary && {
            let before = word_before(text, term_start);
            let is_dot = bytes[term_start] == b'.' && j - term_start == 1;
            !(is_dot
                && (is_abbreviation(before)
                    || (before.chars().count() == 1 && before.chars().all(char::is_uppercase))
                    || (!before.is_empty()
                        && before.len() <= 2
                        && before.bytes().all(|b| b.is_ascii_digit())
                        && next.is_some()
                        && {
                            let w = word_before_end(&rest[ws..]);
                            is_month(&w.to_lowercase())
                        })))
        };
        if boundary {
            push_sentence(text, sent_start..end, base, para, sentences, words);
            sent_start = end;
        }
        i = end.max(j);
    }
    if sent_start < text.len() {
        push_sentence(text, sent_start..text.len(), base, para, sentences, words);
    }
}

/// Whether `word`, lower-cased, is one of [`ABBREVIATIONS`]. Lower-casing
/// never gives fewer characters, so a word longer than the longest
/// abbreviation is none and is not lower-cased.
fn is_abbreviation(word: &str) -> bool {
    const LONGEST: usize = 6;
    word.chars().nth(LONGEST).is_none() && ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// The first word of `s`.
fn word_before_end(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

fn push_sentence(
    text: &str,
    range: Range<usize>,
    base: usize,
    para: usize,
    sentences: &mut Vec<Sentence>,
    words: &mut Vec<Word>,
) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + lead;
    let first_word = words.len();
    words_in(text, start..start + trimmed.len(), base, words);
    sentences.push(Sentence {
        span: base + start..base + start + trimmed.len(),
        para,
        words: first_word..words.len(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uax29(s: &str) -> Vec<Range<usize>> {
        s.unicode_word_indices()
            .map(|(i, w)| i..i + w.len())
            .collect()
    }

    fn fast(s: &str) -> Vec<Range<usize>> {
        let mut v = Vec::new();
        word_spans(s, |r| v.push(r));
        v
    }

    #[test]
    fn longest_abbreviation_is_six_characters() {
        let longest = ABBREVIATIONS.iter().map(|a| a.chars().count()).max();
        assert_eq!(longest, Some(6));
        assert!(is_abbreviation("Approx") && is_abbreviation("TÉL") && !is_abbreviation("approxi"));
    }

    #[test]
    fn ascii_fast_path_examples() {
        for s in [
            "e.g. 3.5 don't a:b 1,000 x_y _a_ 3a a3 'a' a.'b a..b 1.,2 ab. .ab",
            "caf\u{e9} na\u{ef}ve e\u{301}t\u{e9} \u{301}b a \u{200d}\u{1f600}b",
            "L\u{2019}\u{c9}tat,\u{a0}le 10\u{202f}000 \t\r\n a\r\nb",
        ] {
            assert_eq!(fast(s), uax29(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_is_uax29(v in proptest::collection::vec(0usize..40, 0..60)) {
            const PIECES: [&str; 40] = [
                "a", "Z", "q", "0", "7", "_", ":", ",", ";", ".", "'", "\"", "-", "!", "/",
                " ", "  ", "\t", "\n", "\r", "\r\n", "\u{b}", "\u{c}", "@", "#",
                "\u{e9}", "\u{301}", "\u{200d}", "\u{1f600}", "\u{a0}", "\u{2019}",
                "\u{ad}", "\u{5d0}", "\u{30a2}", "\u{1f1e6}", "\u{2028}", "\u{ff0c}",
                "\u{b7}", "ab", "12",
            ];
            let s: String = v.iter().map(|&i| PIECES[i]).collect();
            proptest::prop_assert_eq!(fast(&s), uax29(&s), "{:?}", s);
        }
    }

    fn split(t: &str) -> (Vec<String>, Vec<String>) {
        let (mut s, mut w) = (Vec::new(), Vec::new());
        tokenize(t, 0, 0, &mut s, &mut w);
        (
            s.iter().map(|x| t[x.span.clone()].to_string()).collect(),
            w.iter().map(|x| t[x.span()].to_string()).collect(),
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
    fn french_closing_quotes_and_attributions() {
        let (s, _) = split("« C’est fini. » déclare-t-il. « Vraiment ? » Oui.");
        assert_eq!(
            s,
            ["« C’est fini. » déclare-t-il.", "« Vraiment ? »", "Oui."]
        );
    }

    #[test]
    fn openers_and_numbers_start_sentences() {
        let (s, _) = split("It ended. “Next,” he said. 2021 was good. Dr. No left.");
        assert_eq!(
            s,
            [
                "It ended.",
                "“Next,” he said.",
                "2021 was good.",
                "Dr. No left."
            ]
        );
    }

    #[test]
    fn words_join_numbers_and_elisions_but_split_hyphens() {
        let (_, w) =
            split("Le Ministre-Président a 1,5 million d’euros : 3.5 % via www.example.org.");
        assert_eq!(
            w,
            [
                "Le",
                "Ministre",
                "Président",
                "a",
                "1,5",
                "million",
                "d’euros",
                "3.5",
                "via",
                "www.example.org"
            ]
        );
    }

    #[test]
    fn words_keep_apostrophes_and_diacritics() {
        let (_, w) = split("L’accord d'Imamoğlu, 2021 !");
        assert_eq!(w, ["L’accord", "d'Imamoğlu", "2021"]);
    }
}
