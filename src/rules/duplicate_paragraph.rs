//! `duplicate-paragraph`: a paragraph or line given twice.

// foldhash, not SipHash: every paragraph is hashed whole.
use foldhash::HashMap;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{BlockKind, SectionKind};
use crate::lang::Languages;
use crate::rule::{self, Context, Rule, RuleEntry, RuleMeta, RuleOptions};

use super::normalize_ws;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "duplicate-paragraph",
    default_severity: Severity::Error,
    languages: &[],
    summary: "A paragraph or line (headline included) that repeats an earlier one",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Finds a paragraph, headline or line that repeats an earlier one after
whitespace is normalised (runs of spaces, line breaks and no-break spaces
count as one space). Lines of the contact block are left to
`duplicate-contact`, so one defect gives one diagnostic. In a bilingual
release marked with language headers ("FR" / "NL"), each half is compared
with itself only. Short lines (fewer than `min-words` words, such as a
repeated "Contact" heading) are ignored.

## Why it matters
A headline pasted twice or a paragraph copied from an earlier release is
the first thing a journalist notices.

## Example
    Brussels and Istanbul sign an agreement      <- first occurrence
    Brussels and Istanbul sign an agreement      <- error

## Options
    [rules.duplicate-paragraph]
    min-words = 4

## Fix safety
Safe: deletes the repeated paragraph and the blank line before it.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "default_min_words")]
    min_words: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_words: default_min_words(),
        }
    }
}

fn default_min_words() -> usize {
    4
}

struct DuplicateParagraph {
    min_words: usize,
}

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let o: Options = rule::options(opts)?;
    Ok(Box::new(DuplicateParagraph {
        min_words: o.min_words,
    }))
}

impl Rule for DuplicateParagraph {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let mut seen: HashMap<(usize, String), usize> = HashMap::default();
        for (i, p) in doc.paragraphs().iter().enumerate() {
            if matches!(
                p.kind,
                BlockKind::Meta | BlockKind::Contact | BlockKind::EndMark
            ) || doc.section_kind(i) == SectionKind::Contact
                || p.words.len() < self.min_words
            {
                continue;
            }
            let text = doc.para_text(i);
            if cx.parser.has_contact_data(text) && p.words.len() <= 15 {
                continue;
            }
            let key = (p.region, normalize_ws(text, false));
            match seen.get(&key) {
                Some(&first) => {
                    let first_span = doc.paragraphs()[first].span.clone();
                    out.push(
                        Diagnostic::new(
                            &META,
                            p.span.clone(),
                            if p.kind == BlockKind::Standfirst
                                && doc.paragraphs()[first].kind == BlockKind::Title
                            {
                                "the headline is repeated".to_string()
                            } else {
                                "this paragraph repeats an earlier one".to_string()
                            },
                        )
                        .with_label("repeated here")
                        .with_secondary(first_span, "first occurrence")
                        .with_fix(Fix::safe(vec![Edit::delete(delete_range(cx, i))])),
                    );
                }
                None => {
                    seen.insert(key, i);
                }
            }
        }
    }
}

/// The range removed by the fix: the paragraph's lines with their
/// terminators, plus the blank lines before it (down to the previous paragraph).
fn delete_range(cx: &Context, para: usize) -> std::ops::Range<usize> {
    let doc = cx.doc;
    let src = doc.source();
    let p = &doc.paragraphs()[para];
    let last = p.lines.end - 1;
    let mut first = p.lines.start;
    while first > 0 && doc.lines()[first - 1].blank {
        first -= 1;
    }
    if first == 0 {
        // Nothing before: remove the paragraph and the blank lines after it.
        let mut end_line = last + 1;
        while end_line < doc.lines().len() && doc.lines()[end_line].blank {
            end_line += 1;
        }
        let end = if end_line < src.line_count() {
            src.line_span(end_line).start
        } else {
            src.text().len()
        };
        return src.line_span(0).start..end;
    }
    // Remove from the end of the previous paragraph's line to the end of this one.
    src.line_span(first - 1).end..src.line_span(last).end
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_fix, assert_lints};

    const R: &str = "duplicate-paragraph";

    #[test]
    fn headline_pasted_twice() {
        let t = "City signs a new agreement\n\nCity signs a new agreement\n\nThe city signed it today with its partner.\n";
        assert_lints(R, t, "en", 1);
        assert_fix(
            R,
            t,
            "City signs a new agreement\n\nThe city signed it today with its partner.\n",
            "en",
        );
    }

    #[test]
    fn whitespace_differences_do_not_hide_a_repeat() {
        let t = "The council met today in the town hall.\n\nThe council  met today\u{a0}in the town hall.\n";
        assert_lints(R, t, "en", 1);
    }

    #[test]
    fn short_lines_and_contact_lines_are_left_alone() {
        let t = "Title of the release today\n\nContact\n\nBody text here.\n\nContact\n\nJane Doe, jane@example.org, +32 2 555 01 23\nJane Doe, jane@example.org, +32 2 555 01 23\n";
        assert_lints(R, t, "en", 0);
    }

    #[test]
    fn halves_of_a_bilingual_release_are_compared_separately() {
        let t = "FR\n\nTitre du communiqué\n\nLe texte est ici pour tous.\n\nEnergie Bruxelles Vert Demain\n\nNL\n\nTitel van het bericht\n\nDe tekst staat hier voor iedereen.\n\nEnergie Bruxelles Vert Demain\n";
        assert_lints(R, t, "fr", 0);
    }
}
