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
    for part in s
        .split(crate::document::text::is_space)
        .filter(|p| !p.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        if lowercase {
            out.extend(part.chars().flat_map(char::to_lowercase));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Options of a rule that has none (rejects any key).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}
