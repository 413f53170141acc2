//! `duplicate-contact`: a contact entry or block given twice.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{BlockKind, SectionKind};
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};

use super::normalize_ws;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "duplicate-contact",
    default_severity: Severity::Error,
    languages: &[],
    summary: "A contact entry, or a whole contact block, given twice",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Compares the lines of the contact block(s) ignoring case and whitespace
("Porte-parole" and "Porte-Parole" are the same entry) and reports a line
or a run of lines that repeats earlier ones. A run of repeated lines (a
whole entry or block pasted twice) is one diagnostic. A lone repeated line
counts when it carries contact data (an e-mail address, a phone number)
or a name; a repeated role line ("Spokesperson") shared by two people
does not, nor does a repeated "Contact" heading. The halves of a
bilingual release are compared separately.

## Why it matters
A contact block repeated in a published release looks careless and makes
journalists wonder which entry is current.

## Example
    Press contact
    Jane Doe, Spokesperson, +32 2 555 01 23
    Jane Doe, spokesperson, +32 2 555 01 23     <- error

## Options
None.

## Fix safety
Safe: deletes the repeated lines.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct DuplicateContact;

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(DuplicateContact))
}

/// Whether the line holds two adjacent capitalised words (a name).
fn has_name(s: &str) -> bool {
    let caps: Vec<bool> = s
        .split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next().is_some_and(char::is_uppercase) && c.next().is_some_and(char::is_lowercase)
        })
        .collect();
    caps.windows(2).any(|p| p[0] && p[1])
}

impl Rule for DuplicateContact {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        // Non-blank contact lines: (line index, region).
        let mut lines: Vec<(usize, usize)> = Vec::new();
        for (i, p) in doc.paragraphs().iter().enumerate() {
            let contact = p.kind == BlockKind::Contact
                || (doc.section_kind(i) == SectionKind::Contact && p.kind != BlockKind::Heading);
            if !contact {
                continue;
            }
            for l in p.lines.clone() {
                if !doc.lines()[l].blank
                    && !cx
                        .parser
                        .is_contact_heading(&text[doc.lines()[l].trimmed.clone()])
                {
                    lines.push((l, p.region));
                }
            }
        }
        let mut seen: HashMap<(usize, String), usize> = HashMap::new();
        // For each contact line (by position in `lines`), the earlier copy.
        let mut copy_of: Vec<Option<usize>> = Vec::with_capacity(lines.len());
        for (k, &(l, region)) in lines.iter().enumerate() {
            let key = (
                region,
                normalize_ws(&text[doc.lines()[l].trimmed.clone()], true),
            );
            match seen.get(&key) {
                Some(&first) => copy_of.push(Some(first)),
                None => {
                    seen.insert(key, k);
                    copy_of.push(None);
                }
            }
        }
        // Group runs of repeated lines whose originals are consecutive too.
        let mut k = 0;
        while k < lines.len() {
            let Some(orig) = copy_of[k] else {
                k += 1;
                continue;
            };
            let mut end = k + 1;
            while end < lines.len()
                && copy_of[end] == Some(orig + (end - k))
                && lines[end].0 == lines[end - 1].0 + 1 + blank_run(cx, lines[end - 1].0)
            {
                end += 1;
            }
            let run = end - k;
            let line_text = &text[doc.lines()[lines[k].0].trimmed.clone()];
            if run >= 2 || cx.parser.has_contact_data(line_text) || has_name(line_text) {
                // A whole block pasted twice brings its heading along: when
                // the same contact heading stands before both copies, it is
                // part of the repeat (and of the fix).
                let heading_before = |l: usize| -> Option<usize> {
                    let h = (0..l).rev().find(|&i| !doc.lines()[i].blank)?;
                    cx.parser
                        .is_contact_heading(&text[doc.lines()[h].trimmed.clone()])
                        .then_some(h)
                };
                let norm = |l: usize| normalize_ws(&text[doc.lines()[l].trimmed.clone()], true);
                let start_line = match (heading_before(lines[k].0), heading_before(lines[orig].0)) {
                    (Some(h2), Some(h1)) if norm(h1) == norm(h2) => h2,
                    _ => lines[k].0,
                };
                let span = doc.lines()[start_line].trimmed.start
                    ..doc.lines()[lines[end - 1].0].trimmed.end;
                let first = doc.lines()[lines[orig].0].trimmed.start
                    ..doc.lines()[lines[orig + run - 1].0].trimmed.end;
                let src = doc.source();
                let del = src.line_span_with_eol(start_line).start
                    ..src.line_span_with_eol(lines[end - 1].0).end;
                let message = if run >= 2 {
                    format!("these {run} contact lines repeat earlier ones")
                } else {
                    "this contact entry is given twice".to_string()
                };
                out.push(
                    Diagnostic::new(&META, span, message)
                        .with_label("repeated here")
                        .with_secondary(first, "first given here")
                        .with_fix(Fix::safe(vec![Edit::delete(del)])),
                );
            }
            k = end;
        }
    }
}

/// Number of blank lines right after line `l`.
fn blank_run(cx: &Context, l: usize) -> usize {
    cx.doc.lines()[l + 1..]
        .iter()
        .take_while(|x| x.blank)
        .count()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_fix, assert_lints};

    const R: &str = "duplicate-contact";

    #[test]
    fn repeated_block_is_one_diagnostic() {
        let t = "Title of it all\n\nBody text of the release.\n\nContactez-nous\nMarc Dupont Porte-parole, Cabinet du Ministre\nNadia Ben Porte-Parole, Cabinet de la Ministre\nMarc Dupont Porte-Parole, Cabinet du Ministre\nNadia Ben Porte-parole, Cabinet de la Ministre\n";
        assert_lints(R, t, "fr", 1);
        assert_fix(
            R,
            t,
            "Title of it all\n\nBody text of the release.\n\nContactez-nous\nMarc Dupont Porte-parole, Cabinet du Ministre\nNadia Ben Porte-Parole, Cabinet de la Ministre\n",
            "fr",
        );
    }

    #[test]
    fn a_block_repeated_with_its_heading_is_removed_with_it() {
        let t = "Title of it\n\nBody text.\n\nPressekontakt\nEva Roth, Stadt Talburg\npresse@talburg.example\n\nPressekontakt\nEva Roth, Stadt Talburg\npresse@talburg.example\n";
        assert_lints(R, t, "de", 1);
        assert_fix(
            R,
            t,
            "Title of it\n\nBody text.\n\nPressekontakt\nEva Roth, Stadt Talburg\npresse@talburg.example\n\n",
            "de",
        );
    }

    #[test]
    fn repeated_phone_line() {
        let t = "Title of it\n\nBody text.\n\nMedia contact\nJane Doe\n+44 20 7946 0000\n+44 20 7946 0000\n";
        assert_lints(R, t, "en", 1);
    }

    #[test]
    fn shared_roles_and_headings_are_fine() {
        let t = "Title of it\n\nBody text.\n\nPress contact\nJane Doe\nSpokesperson\njane@example.org\nJohn Roe\nSpokesperson\njohn@example.org\n";
        assert_lints(R, t, "en", 0);
    }
}
