//! The built-in rules, one per file. Adding a rule: its file, one line in
//! [`REGISTRY`], one folder in `fixtures/`.

use crate::rule::RuleEntry;

pub mod duplicate_contact;
pub mod duplicate_paragraph;
pub mod repeated_word;
pub mod whitespace;

// People and titles
pub mod inconsistent_punctuation;
pub mod inconsistent_spelling;
pub mod inconsistent_title;

// Languages and packs
pub mod language_mismatch;

// Release checks
pub mod empty_section;
pub mod french_spacing;
pub mod headline_length;
pub mod missing_section;
pub mod sentence_length;
pub mod unbalanced_quotes;
pub mod weekday_date;

// Validator
pub mod dateline_date;
pub mod embargo_date;
pub mod headline_facts;
pub mod inconsistent_capitalisation;
pub mod inconsistent_date_style;
pub mod invalid_contact;
pub mod template;

// Text hygiene
pub mod agreement;
pub mod hyphenation_leftover;
pub mod missing_space;
pub mod mojibake;
pub mod space_before_punctuation;
pub mod spelling;
pub mod spelling_confusions;
pub(crate) mod wordset;

#[cfg(test)]
pub(crate) mod testing;

/// Every built-in rule, in the order `prlint rules` lists them.
pub static REGISTRY: &[RuleEntry] = &[
    repeated_word::ENTRY,
    duplicate_paragraph::ENTRY,
    duplicate_contact::ENTRY,
    whitespace::ENTRY,
    // People and titles
    inconsistent_title::ENTRY,
    inconsistent_spelling::ENTRY,
    inconsistent_punctuation::ENTRY,
    // Languages and packs
    language_mismatch::ENTRY,
    // Release checks
    unbalanced_quotes::ENTRY,
    french_spacing::ENTRY,
    weekday_date::ENTRY,
    missing_section::ENTRY,
    empty_section::ENTRY,
    headline_length::ENTRY,
    sentence_length::ENTRY,
    // Validator
    embargo_date::ENTRY,
    dateline_date::ENTRY,
    invalid_contact::ENTRY,
    template::ENTRY,
    headline_facts::ENTRY,
    inconsistent_date_style::ENTRY,
    inconsistent_capitalisation::ENTRY,
    hyphenation_leftover::ENTRY,
    missing_space::ENTRY,
    space_before_punctuation::ENTRY,
    mojibake::ENTRY,
    spelling::ENTRY,
    agreement::ENTRY,
    // Language versions
    crate::parity::ENTRY,
];

/// Normalises text for duplicate comparison: whitespace (U+00A0 included)
/// collapsed to one space, trimmed, optionally lower-cased.
pub fn normalize_ws(s: &str, lowercase: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut push = |part: &str| {
        if part.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if !lowercase {
            out.push_str(part);
        } else if part.is_ascii() {
            out.extend(part.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.extend(part.chars().flat_map(char::to_lowercase));
        }
    };
    // The parts between spaces, found byte by byte: a character is decoded
    // only when it is not ASCII.
    let b = s.as_bytes();
    let (mut i, mut start) = (0, 0);
    while i < b.len() {
        let (space, len) = if b[i].is_ascii() {
            (crate::document::text::is_space(char::from(b[i])), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (crate::document::text::is_space(c), c.len_utf8())
        };
        if space {
            push(&s[start..i]);
            start = i + len;
        }
        i += len;
    }
    push(&s[start..]);
    out
}

#[cfg(test)]
mod normalize_tests {
    use super::*;
    use proptest::prelude::*;

    /// [`normalize_ws`] as it was written before its byte scan (the oracle).
    fn split_join(s: &str, lowercase: bool) -> String {
        s.split(crate::document::text::is_space)
            .filter(|p| !p.is_empty())
            .map(|p| {
                if lowercase {
                    p.chars().flat_map(char::to_lowercase).collect()
                } else {
                    p.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn byte_scan_cases() {
        for s in [
            "",
            " ",
            "a",
            "a b",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\x0bb\x0c",
            "\r\nA\nB ",
            "a\u{a0}b",
            "É b",
        ] {
            for lower in [false, true] {
                assert_eq!(normalize_ws(s, lower), split_join(s, lower), "{s:?}");
            }
        }
        assert_eq!(normalize_ws("  Two\n\tWORDS ", true), "two words");
    }

    proptest! {
        #[test]
        fn same_as_split_and_join(parts in prop::collection::vec(
            prop::sample::select(vec!["a", "Bc", " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1f", "\u{a0}", "\u{feff}", "É", "é", "ß", ".", "\u{2003}", "\u{85}", "\u{3000}", "\u{1680}"]),
            0..12,
        ), lower: bool) {
            let s = parts.concat();
            prop_assert_eq!(normalize_ws(&s, lower), split_join(&s, lower));
        }
    }
}

/// Options of a rule that has none (rejects any key).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}
