//! `space-before-punctuation`: a space before "," or "." (every language),
//! and before ";", ":", "!", "?" outside French.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "space-before-punctuation",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "A space before a comma or a full stop (any language), or before ; : ! ? (English, Dutch, German)",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Finds a space (or a tab, or a no-break space) between a word and the
punctuation that should follow it directly:
- before `,` and `.` in every language ("condition , and", "salle 86 .");
- before `;`, `:`, `!` and `?` in English, Dutch and German paragraphs.
  French typography wants a (no-break) space there: that is
  `french-spacing`'s business, and French paragraphs are not checked for
  these four marks.

Not reported: a spaced ellipsis (". . ." or " ..."), a dot that opens a
decimal, a name or an extension (".5", ".NET", ".pdf": a letter or digit
follows), a mark that opens a line, a mark after another mark or a dash, a
colon that ends its line (a label introducing what follows: "Op voorstel
van de minister :"), and Markdown code spans.

## Why it matters
A space before a comma or a full stop is a typing slip that layout tools
turn into a comma or a dot alone at the start of a line.

## Example
    … living with a long term health condition , and busy lives …
                                              ^ space before ","

## Options
None.

## Fix safety
Safe: removes the space.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct SpaceBeforePunctuation;

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(SpaceBeforePunctuation))
}

/// A space inside a line (not a line break).
fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}')
}

/// A closing bracket or quotation mark.
fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '"' | '”' | '’' | '»' | '\'')
}

impl Rule for SpaceBeforePunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        for (pi, p) in doc.paragraphs().iter().enumerate() {
            if p.words.is_empty() {
                continue;
            }
            let all_marks = matches!(doc.lang_of(pi), "en" | "nl" | "de");
            let s = &text[p.span.clone()];
            let mut ticks = 0usize;
            for (j, c) in s.char_indices() {
                match c {
                    '`' => ticks += 1,
                    '\n' => ticks = 0,
                    _ => {}
                }
                let checked =
                    matches!(c, ',' | '.') || (all_marks && matches!(c, ';' | ':' | '!' | '?'));
                if !checked || ticks % 2 == 1 {
                    continue;
                }
                // The run of spaces just before the mark.
                let head = &s[..j];
                let trimmed = head.trim_end_matches(is_inline_space);
                if trimmed.len() == head.len() {
                    continue;
                }
                let Some(prev) = trimmed.chars().next_back() else {
                    continue;
                };
                if !(prev.is_alphanumeric() || is_closer(prev)) {
                    continue;
                }
                // What follows the mark: the end, a space or a closing quote.
                let tail = &s[j + c.len_utf8()..];
                let next = tail.chars().next();
                if !next.is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '”' | '’' | '»'))
                {
                    continue;
                }
                // What follows on the line after the spaces (bounded by the run).
                let after_spaces = tail.trim_start_matches(is_inline_space);
                // A spaced ellipsis (". . .").
                if c == '.' && after_spaces.starts_with('.') {
                    continue;
                }
                // A label colon at the end of its line.
                if c == ':' && (after_spaces.is_empty() || after_spaces.starts_with(['\n', '\r'])) {
                    continue;
                }
                let span = p.span.start + trimmed.len()..p.span.start + j;
                out.push(
                    Diagnostic::new(&META, span.clone(), format!("space before \"{c}\""))
                        .with_label(format!("space before \"{c}\""))
                        .with_fix(Fix::safe(vec![Edit::delete(span)])),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_fix, assert_lints};

    const R: &str = "space-before-punctuation";

    #[test]
    fn positives() {
        assert_lints(
            R,
            "People with a long term condition , and busy lives.",
            "en",
            1,
        );
        assert_lints(R, "La séance a lieu dans la salle 12 .", "fr", 1);
        assert_lints(R, "Wat nu ? Wij weten het : niets .", "nl", 3);
        assert_lints(R, "Achtung ! Das ist neu ; wirklich.", "de", 2);
        assert_lints(R, "Il a dit « oui » , puis il est parti.", "fr", 1);
    }

    #[test]
    fn negatives() {
        assert_lints(R, "Vraiment ? Oui : tout à fait ; et voilà !", "fr", 0);
        assert_lints(R, "He paused . . . and went on ... later.", "en", 0);
        assert_lints(
            R,
            "It costs .5 euro and runs on .NET with a .pdf file.",
            "en",
            0,
        );
        assert_lints(
            R,
            "Op voorstel van de minister :\n\nDe regering beslist.",
            "nl",
            0,
        );
        assert_lints(R, "Run `ls -a .` and `x , y` in a shell.", "en", 0);
        assert_lints(R, "The list:\n, starts here and - , goes on.", "en", 0);
    }

    #[test]
    fn fixes() {
        assert_fix(
            R,
            "A condition , and a salle 86 .",
            "A condition, and a salle 86.",
            "en",
        );
    }
}
