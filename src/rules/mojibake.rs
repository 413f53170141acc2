//! `mojibake`: text that went through the wrong encoding ("Ã©tÃ©", "â€™",
//! "RenÚ", "Psycholingu´stiek").

use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::lang::{LangWords, Languages};
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::rules::wordset::WordSet;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "mojibake",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "Text that went through the wrong encoding (\"Ã©tÃ©\", \"â€™\", \"RenÚ\")",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Finds characters mangled by a wrong encoding, by round trip, not by a list
of strings:
- UTF-8 read as Windows-1252 or Latin-1 ("Ã©tÃ©" for "été", "â€™" for
  "’", "Ã¨" for "è"): a run of characters that, encoded back to
  Windows-1252, forms valid UTF-8 and decodes to a Latin letter, a
  punctuation mark or a currency sign. Reported as an error: the round
  trip is exact. "â€" followed by anything else (the third byte lost) and
  "Ã" followed by a space (the no-break space of "à" lost) are reported as
  warnings, since the round trip is then incomplete.
- Old DOS and Mac code-page leftovers, where an accented letter became
  another symbol ("RenÚ" for "René", "Psycholingu´stiek" for
  "Psycholinguïstiek"): an upper-case accented letter right after a
  lower-case letter, or a symbol or spacing accent between two runs of at
  least three letters. The character is mapped back through the code
  pages that produce such text (Windows-1252 read as CP850, CP437 or Mac
  Roman, and Mac Roman read as Windows-1252); it is kept only when the
  result is an accented letter of the paragraph's language (the
  `accented-letters` list of its pack) and, for "ë" and "ï", follows a
  vowel, as a diaeresis does in these languages. An acute accent used as an
  apostrophe ("l´homme", "we´re", "aujourd´hui") is not reported.

## Why it matters
Mojibake is the most visible trace of an old file or a bad export: readers
see "RenÚ" and "Ã©tÃ©" where the author wrote René and été.

## Example
    Prof. dr. ir. RenÚ de Borst is gefascineerd door …
                  ^^^^ "René" read in the wrong code page

## Options
None. The accented letters of each language are data:
`[words.nl] accented-letters = [...]`.

## Fix safety
UTF-8 read as Windows-1252: safe (the round trip is exact). Code-page
leftovers: safe when one code page explains the character and the repaired
word occurs elsewhere in the release, otherwise unsafe. Incomplete round
trips ("â€" alone, "Ã "): unsafe or no fix.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct Mojibake;

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(Mojibake))
}

/// The upper halves (bytes 0x80–0xFF) of the DOS code pages, which
/// encoding_rs does not carry.
const CP850: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u{ad}±‗¾¶§÷¸°¨·¹³²■\u{a0}";
const CP437: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";

/// A single-byte code page: a DOS table or an encoding_rs encoding.
#[derive(Clone, Copy)]
enum CodePage {
    Table(&'static str, &'static str),
    Rs(&'static Encoding, &'static str),
}

impl CodePage {
    fn name(self) -> &'static str {
        match self {
            CodePage::Table(_, n) | CodePage::Rs(_, n) => n,
        }
    }

    /// The byte of `c` in this code page (upper half only for the tables).
    fn encode(self, c: char) -> Option<u8> {
        match self {
            CodePage::Table(t, _) => t
                .chars()
                .position(|x| x == c)
                .and_then(|i| u8::try_from(0x80 + i).ok()),
            CodePage::Rs(enc, _) => encode_one(enc, c),
        }
    }

    /// The character of byte `b` in this code page.
    fn decode(self, b: u8) -> Option<char> {
        match self {
            CodePage::Table(t, _) => {
                if b < 0x80 {
                    Some(char::from(b))
                } else {
                    t.chars().nth(usize::from(b - 0x80))
                }
            }
            CodePage::Rs(enc, _) => decode_one(enc, b),
        }
    }
}

/// (written in, read as): the ways an accented letter becomes a symbol.
const PATHS: &[(CodePage, CodePage)] = &[
    (
        CodePage::Rs(WINDOWS_1252, "Windows-1252"),
        CodePage::Table(CP850, "CP850"),
    ),
    (
        CodePage::Rs(WINDOWS_1252, "Windows-1252"),
        CodePage::Table(CP437, "CP437"),
    ),
    (
        CodePage::Rs(WINDOWS_1252, "Windows-1252"),
        CodePage::Rs(MACINTOSH, "Mac Roman"),
    ),
    (
        CodePage::Rs(MACINTOSH, "Mac Roman"),
        CodePage::Rs(WINDOWS_1252, "Windows-1252"),
    ),
];

/// The single byte `enc` gives `c`, if any.
fn encode_one(enc: &'static Encoding, c: char) -> Option<u8> {
    let mut src = [0u8; 4];
    let src = c.encode_utf8(&mut src);
    let mut dst = [0u8; 4];
    let mut encoder = enc.new_encoder();
    let (res, read, written) = encoder.encode_from_utf8_without_replacement(src, &mut dst, true);
    (res == encoding_rs::EncoderResult::InputEmpty && read == src.len() && written == 1)
        .then_some(dst[0])
}

/// The character `enc` gives byte `b`, if any.
fn decode_one(enc: &'static Encoding, b: u8) -> Option<char> {
    let mut dst = [0u8; 8];
    let mut decoder = enc.new_decoder_without_bom_handling();
    let (res, _, written) = decoder.decode_to_utf8_without_replacement(&[b], &mut dst, true);
    if res != encoding_rs::DecoderResult::InputEmpty {
        return None;
    }
    let s = std::str::from_utf8(&dst[..written]).ok()?;
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// The Windows-1252 (or Latin-1, for C1 controls) byte of `c`.
fn latin_byte(c: char) -> Option<u8> {
    match c {
        '\u{80}'..='\u{9f}' => u8::try_from(u32::from(c)).ok(),
        _ => encode_one(WINDOWS_1252, c),
    }
}

/// Whether a character decoded from mojibake is one a Western release
/// plausibly holds: Latin letters, punctuation, currency, letterlike signs.
fn plausible_decoded(c: char) -> bool {
    matches!(u32::from(c), 0xA0..=0x17F | 0x2010..=0x205F | 0x20A0..=0x20CF | 0x2100..=0x214F)
}

/// The UTF-8 sequence length announced by a lead byte.
fn utf8_len(b: u8) -> usize {
    match b {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// A mis-decoded UTF-8 sequence at `start` of `text`: its byte length in
/// `text` and the character it stands for.
fn utf8_as_latin(text: &str, start: usize) -> Option<(usize, char)> {
    let mut it = text[start..].char_indices();
    let (_, lead) = it.next()?;
    // Lead bytes 0xC2–0xF4 are the Latin-1 letters Â…ô.
    if !('\u{c2}'..='\u{f4}').contains(&lead) {
        return None;
    }
    let b0 = u8::try_from(u32::from(lead)).ok()?;
    let n = utf8_len(b0);
    if n == 0 {
        return None;
    }
    let mut bytes = [b0, 0, 0, 0];
    for slot in bytes.iter_mut().take(n).skip(1) {
        let (_, c) = it.next()?;
        let b = latin_byte(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
    }
    let decoded = std::str::from_utf8(&bytes[..n]).ok()?.chars().next()?;
    if !plausible_decoded(decoded) {
        return None;
    }
    let len = it.next().map_or(text.len() - start, |(i, _)| i);
    Some((len, decoded))
}

/// How far around a suspect character its word is looked for.
const WORD_REACH: usize = 48;

/// A vowel (diaeresis carriers).
fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

impl Rule for Mojibake {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let mut index: Option<WordSet> = None;
        for (pi, p) in doc.paragraphs().iter().enumerate() {
            if p.words.is_empty() {
                continue;
            }
            let base = p.span.start;
            let s = &text[p.span.clone()];
            let lang = cx.words_of(pi);
            let mut skip_to = 0;
            let mut prev: Option<char> = None;
            for (i, c) in s.char_indices() {
                if i < skip_to || c.is_ascii() {
                    prev = Some(c);
                    continue;
                }
                if let Some(n) = utf8_run(s, i, base, out) {
                    skip_to = i + n;
                } else if let Some((word, fixed, read_as, agree)) = code_page(s, i, c, prev, lang) {
                    let index = index.get_or_insert_with(|| WordSet::new(doc));
                    report_code_page(base, s, word, &fixed, read_as, agree, i, c, index, out);
                }
                prev = Some(c);
            }
        }
    }
}

/// `word` with every mis-decoded UTF-8 sequence in it replaced once.
fn repair_once(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut at = 0;
    while let Some(c) = word[at..].chars().next() {
        match utf8_as_latin(word, at) {
            Some((len, d)) => {
                out.push(d);
                at += len;
            }
            None => {
                out.push(c);
                at += c.len_utf8();
            }
        }
    }
    out
}

/// Reports mis-decoded UTF-8 starting at byte `i` of paragraph text `s`;
/// returns the bytes it covers.
fn utf8_run(s: &str, i: usize, base: usize, out: &mut Vec<Diagnostic>) -> Option<usize> {
    let mut edits = Vec::new();
    let mut fixed = String::new();
    let mut at = i;
    // Consecutive sequences, and the letters of the word around them.
    loop {
        if let Some((len, d)) = utf8_as_latin(s, at) {
            edits.push(Edit::replace(base + at..base + at + len, d.to_string()));
            fixed.push(d);
            at += len;
            continue;
        }
        match s[at..].chars().next() {
            Some(c) if c.is_alphanumeric() && !edits.is_empty() => {
                fixed.push(c);
                at += c.len_utf8();
            }
            _ => break,
        }
    }
    if edits.is_empty() {
        return incomplete_utf8(s, i, base, out);
    }
    // Show the whole word: the letters before the first sequence too.
    let start = i - s[..i]
        .chars()
        .rev()
        .take(WORD_REACH)
        .take_while(|ch| ch.is_alphanumeric())
        .map(char::len_utf8)
        .sum::<usize>();
    let seen = &s[start..at];
    let mut fixed = format!("{}{fixed}", &s[start..i]);
    // Text encoded twice ("Ã‚Â©") needs a second round trip; a chain that
    // does not settle in a few rounds ("ÂÂÂÂ¾") is noise, not mojibake.
    let mut rounds = 0;
    loop {
        let again = repair_once(&fixed);
        if again == fixed {
            break;
        }
        rounds += 1;
        if rounds > 3 {
            return Some(at - i);
        }
        fixed = again;
    }
    if rounds > 0 {
        edits = vec![Edit::replace(base + start..base + at, fixed.clone())];
    }
    let mut d = Diagnostic::new(
        &META,
        base + start..base + at,
        format!("mojibake: \"{seen}\" is \"{fixed}\" read in the wrong encoding"),
    )
    .with_label(format!("UTF-8 read as Windows-1252: \"{fixed}\""))
    .with_fix(Fix::safe(edits));
    d.severity = Severity::Error;
    out.push(d);
    Some(at - i)
}

/// "â€" without its third character, "Ã" before a plain space: the round
/// trip of UTF-8 read as Windows-1252, with a byte lost.
fn incomplete_utf8(s: &str, i: usize, base: usize, out: &mut Vec<Diagnostic>) -> Option<usize> {
    let rest = &s[i..];
    if rest.starts_with("â€") {
        let len = "â€".len();
        out.push(
            Diagnostic::new(
                &META,
                base + i..base + i + len,
                "mojibake: \"â€\" is a quotation mark or dash read in the wrong encoding",
            )
            .with_label("UTF-8 read as Windows-1252, one byte lost")
            .with_help("retype the punctuation mark"),
        );
        return Some(len);
    }
    let before = s[..i].chars().next_back();
    if rest.starts_with("Ã ") && before.is_some_and(|b| b.is_lowercase() || matches!(b, '\'' | '’'))
    {
        let len = "Ã ".len();
        out.push(
            Diagnostic::new(
                &META,
                base + i..base + i + len,
                "mojibake: \"Ã \" is probably \"à\" read in the wrong encoding",
            )
            .with_label("UTF-8 read as Windows-1252, the no-break space lost")
            .with_fix(Fix::unsafe_(vec![Edit::replace(
                base + i..base + i + len,
                "à",
            )])),
        );
        return Some(len);
    }
    None
}

/// A code-page leftover at byte `i` (character `c`): the word's byte range
/// in `s`, the repaired character, the path names, and how many paths
/// agree.
fn code_page(
    s: &str,
    i: usize,
    c: char,
    prev: Option<char>,
    lang: &LangWords,
) -> Option<(std::ops::Range<usize>, char, &'static str, usize)> {
    let prev = prev?;
    let after = &s[i + c.len_utf8()..];
    // "RenÚ", "ScheepvaartÚ": one capital after lower case, not a run of
    // them ("forŸŸŸŸ" is noise, and repairing it one letter a pass never
    // settles).
    let upper_after_lower = c.is_uppercase()
        && prev.is_lowercase()
        && !after.chars().next().is_some_and(char::is_uppercase);
    // Three letters on each side at least (bounded look-around).
    let symbol_inside = !c.is_alphabetic()
        && !c.is_whitespace()
        && !matches!(u32::from(c), 0x2000..=0x206F)
        && !matches!(c, '«' | '»' | '‹' | '›')
        && s[..i].chars().rev().take(3).all(char::is_alphabetic)
        && s[..i].chars().rev().take(3).count() == 3
        && after.chars().take(3).all(char::is_alphabetic)
        && after.chars().take(3).count() == 3;
    if !(upper_after_lower || symbol_inside) {
        return None;
    }
    let accented = &lang.lists.accented_letters;
    let mut found: Option<(char, &'static str)> = None;
    let mut agree = 0;
    for &(written, read) in PATHS {
        let Some(b) = read.encode(c) else { continue };
        let Some(r) = written.decode(b) else { continue };
        if r == c || !r.is_lowercase() {
            continue;
        }
        let mut buf = [0u8; 4];
        let r_str = r.encode_utf8(&mut buf);
        if !accented.iter().any(|a| a == r_str) {
            continue;
        }
        if matches!(r, 'ë' | 'ï') && !is_vowel(prev) {
            continue;
        }
        match found {
            Some((f, _)) if f == r => agree += 1,
            Some(_) => agree += 2, // two different repairs: ambiguous
            None => {
                found = Some((r, read.name()));
                agree = 1;
            }
        }
    }
    let (r, name) = found?;
    // The word around it, bounded so that a pathological run stays linear.
    let start = i - s[..i]
        .chars()
        .rev()
        .take(WORD_REACH)
        .take_while(|ch| ch.is_alphabetic())
        .map(char::len_utf8)
        .sum::<usize>();
    let end = i
        + c.len_utf8()
        + after
            .chars()
            .take(WORD_REACH)
            .take_while(|ch| ch.is_alphabetic())
            .map(char::len_utf8)
            .sum::<usize>();
    Some((start..end, r, name, agree))
}

/// Reports a code-page leftover.
#[allow(clippy::too_many_arguments)]
fn report_code_page(
    base: usize,
    s: &str,
    word: std::ops::Range<usize>,
    fixed: &char,
    read_as: &str,
    agree: usize,
    at: usize,
    c: char,
    index: &WordSet,
    out: &mut Vec<Diagnostic>,
) {
    let seen = &s[word.clone()];
    let pos = at - word.start;
    let repaired = format!("{}{}{}", &seen[..pos], fixed, &seen[pos + c.len_utf8()..]);
    let at = base + at;
    let edit = vec![Edit::replace(at..at + c.len_utf8(), fixed.to_string())];
    let elsewhere = index.has_word(&repaired);
    let fix = if agree == 1 && elsewhere {
        Fix::safe(edit)
    } else {
        Fix::unsafe_(edit)
    };
    let mut d = Diagnostic::new(
        &META,
        base + word.start..base + word.end,
        format!("mojibake: \"{seen}\" is probably \"{repaired}\" read in the wrong code page"),
    )
    .with_label(format!(
        "\"{c}\" stands for \"{fixed}\" (read as {read_as})"
    ))
    .with_fix(fix);
    if agree > 1 {
        d = d.with_note("several code pages explain this character");
    }
    out.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_fix, assert_lints, run};

    const R: &str = "mojibake";

    #[test]
    fn tables_are_complete() {
        assert_eq!(CP850.chars().count(), 128);
        assert_eq!(CP437.chars().count(), 128);
        assert_eq!(CodePage::Table(CP850, "").encode('Ú'), Some(0xE9));
        assert_eq!(CodePage::Table(CP850, "").encode('´'), Some(0xEF));
        assert_eq!(decode_one(WINDOWS_1252, 0xE9), Some('é'));
    }

    #[test]
    fn positives() {
        assert_lints(R, "L'Ã©tÃ© sera chaud.", "fr", 1);
        assert_lints(R, "It isnâ€™t over.", "en", 1);
        assert_lints(R, "Le pÃ¨re et la mÃ¨re.", "fr", 2);
        assert_lints(R, "De prijs is 5 Â£ en Ã¼ber.", "nl", 2);
        assert_lints(R, "Prof. dr. RenÚ de Bos spreekt.", "nl", 1);
        assert_lints(R, "Het instituut voor Psycholingu´stiek opent.", "nl", 1);
        assert_lints(R, "Hij zegt â€ dat het klaar is.", "nl", 1);
        assert_lints(R, "Il reste jusqu’Ã  midi, voilÃ  tout.", "fr", 2);
        let d = run(R, "L'Ã©tÃ© sera chaud.", "fr");
        assert_eq!(d[0].severity, Severity::Error);
        let d = run(R, "Prof. dr. RenÚ de Bos spreekt.", "nl");
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn negatives() {
        assert_lints(R, "L'été sera chaud, déjà… « Très »", "fr", 0);
        assert_lints(R, "Der „Gruß“ aus München, Straße.", "de", 0);
        assert_lints(R, "CAFÉ… L´homme et aujourd´hui.", "fr", 0);
        assert_lints(R, "We´re sure it´s fine, you´ve seen it.", "en", 0);
        assert_lints(R, "Die Fläche ist 20 m² groß, 5 m³ Wasser, 20°C.", "de", 0);
        assert_lints(R, "The council’s plan, “done” – as São Paulo did.", "en", 0);
        assert_lints(R, "SÃO PAULO en AÇÃO.", "nl", 0);
        // A run of capitals after lower case is noise, not one wrong letter
        // (found by the fuzzer: its repair never settled); so is a chain of
        // lead bytes whose round trips never settle.
        assert_lints(R, "Free forŸŸŸŸŸŸ season ticket holders.", "en", 0);
        assert_lints(R, "Free for ÂÂÂÂÂÂÂÂÂÂ¾oners here.", "en", 0);
    }

    #[test]
    fn fixes() {
        assert_fix(R, "L'Ã©tÃ© sera chaud.", "L'été sera chaud.", "fr");
        assert_fix(R, "It isnâ€™t over.", "It isn’t over.", "en");
        // Encoded twice: both round trips in one fix.
        assert_fix(R, "L'Ã‚Â©tÃ‚Â© sera chaud.", "L'©t© sera chaud.", "fr");
        assert_fix(
            R,
            "Prof. RenÚ de Bos en René Smit.",
            "Prof. René de Bos en René Smit.",
            "nl",
        );
    }
}
