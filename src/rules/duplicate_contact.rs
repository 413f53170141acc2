//! `duplicate-contact`: a contact entry or block given twice.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::contact::ContactData;
use crate::document::{BlockKind, SectionKind};
use crate::lang::Languages;
use crate::people::{MentionKind, People};
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
Reads the contact block(s) as entries (a person with their details: the
lines from a name to the next name, or to a line without contact data
after the e-mail and phone lines) and compares lines ignoring case and
whitespace ("Porte-parole" and "Porte-Parole" are the same). It reports a
whole entry given twice, a line naming a person given twice, and a line
repeated inside one entry. A run of repeated lines (a whole entry or
block pasted twice) is one diagnostic. A line that two different entries
share (an office address, a switchboard number, a job title such as
"Spokesperson") is not a repeat, nor is a repeated "Contact" heading. The
halves of a bilingual release are compared separately.

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

struct DuplicateContact {
    data: ContactData,
}

fn build(opts: &RuleOptions, langs: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(DuplicateContact {
        data: ContactData::new(langs)?,
    }))
}

/// One non-blank line of a contact block.
struct ContactLine {
    /// Line index.
    line: usize,
    /// Language region.
    region: usize,
    /// The comparison key: whitespace collapsed, lower case.
    key: String,
    /// Whether a person is named on it.
    person: bool,
    /// Whether it holds an e-mail address or a phone number.
    data: bool,
}

/// The contact lines of the document, in order.
fn contact_lines(cx: &Context, data: &ContactData) -> Vec<ContactLine> {
    let doc = cx.doc;
    let text = doc.text();
    let people = People::of(cx);
    // The full-name mentions' spans, by start: a line names a person when
    // one lies inside it.
    let mut names: Vec<(usize, usize)> = people
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Full)
        .map(|m| (m.span.start, m.span.end))
        .collect();
    names.sort_unstable();
    let mut out = Vec::new();
    for (i, p) in doc.paragraphs().iter().enumerate() {
        let contact = p.kind == BlockKind::Contact
            || (doc.section_kind(i) == SectionKind::Contact && p.kind != BlockKind::Heading);
        if !contact {
            continue;
        }
        for l in p.lines.clone() {
            let span = doc.lines()[l].trimmed.clone();
            let s = &text[span.clone()];
            if doc.lines()[l].blank || cx.parser.is_contact_heading(s) {
                continue;
            }
            let from = names.partition_point(|&(start, _)| start < span.start);
            let person = names[from..]
                .iter()
                .take_while(|&&(start, _)| start <= span.end)
                .any(|&(_, end)| end <= span.end);
            out.push(ContactLine {
                line: l,
                region: p.region,
                key: normalize_ws(s, true),
                person,
                data: data.has_contact_data(s) || s.contains('@'),
            });
        }
    }
    out
}

/// The entry (a person with their details) of each contact line. A new
/// entry starts after a blank line or a heading, with a line naming a person when the
/// entry already names one, and with a line without contact data after a
/// line with some (the details of the previous person are over).
fn entries(lines: &[ContactLine]) -> Vec<usize> {
    let mut out = Vec::with_capacity(lines.len());
    let mut entry = 0;
    let mut has_person = false;
    for (k, l) in lines.iter().enumerate() {
        if k > 0 {
            let prev = &lines[k - 1];
            let new = l.line != prev.line + 1 || (l.person && has_person) || (!l.data && prev.data);
            if new {
                entry += 1;
                has_person = false;
            }
        }
        has_person |= l.person;
        out.push(entry);
    }
    out
}

/// For each contact line, the earlier line it repeats, when that repeat is
/// a defect: a line naming a person, a line repeated inside its own entry,
/// or a line of an entry that repeats a whole earlier entry. A shared line
/// of two different entries (an address, a switchboard number, a job title)
/// is none.
fn repeats(lines: &[ContactLine]) -> Vec<Option<usize>> {
    let entry_of = entries(lines);
    // Each entry's key: its region and its lines' keys.
    let mut entry_keys: Vec<(usize, Vec<&str>)> = Vec::new();
    for (l, &e) in lines.iter().zip(&entry_of) {
        if e == entry_keys.len() {
            entry_keys.push((l.region, Vec::new()));
        }
        entry_keys[e].1.push(l.key.as_str());
    }
    let mut first_entry: HashMap<&(usize, Vec<&str>), usize> = HashMap::new();
    let repeated_entry: Vec<bool> = entry_keys
        .iter()
        .enumerate()
        .map(|(e, key)| *first_entry.entry(key).or_insert(e) != e)
        .collect();
    let mut seen: HashMap<(usize, &str), usize> = HashMap::new();
    lines
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let first = *seen.entry((l.region, l.key.as_str())).or_insert(k);
            let defect = first != k
                && (l.person || entry_of[first] == entry_of[k] || repeated_entry[entry_of[k]]);
            defect.then_some(first)
        })
        .collect()
}

impl Rule for DuplicateContact {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let contact = contact_lines(cx, &self.data);
        let lines: Vec<usize> = contact.iter().map(|l| l.line).collect();
        let copy_of = repeats(&contact);
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
                && lines[end] == lines[end - 1] + 1 + blank_run(cx, lines[end - 1])
            {
                end += 1;
            }
            let run = end - k;
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
            let start_line = match (heading_before(lines[k]), heading_before(lines[orig])) {
                (Some(h2), Some(h1)) if norm(h1) == norm(h2) => h2,
                _ => lines[k],
            };
            let span =
                doc.lines()[start_line].trimmed.start..doc.lines()[lines[end - 1]].trimmed.end;
            let first = doc.lines()[lines[orig]].trimmed.start
                ..doc.lines()[lines[orig + run - 1]].trimmed.end;
            let src = doc.source();
            let del = src.line_span_with_eol(start_line).start
                ..src.line_span_with_eol(lines[end - 1]).end;
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
    fn shared_address_switchboard_and_title_are_fine() {
        let t = "Title of it\n\nBody text.\n\nPress contacts\nMarta Kowal\nPress officer\n12 Mill Road, Eastbury EB1 2CD\n+44 20 7946 0000\nmarta.kowal@eastbury.example\nOwen Pryce\nPress officer\n12 Mill Road, Eastbury EB1 2CD\n+44 20 7946 0000\nowen.pryce@eastbury.example\n";
        assert_lints(R, t, "en", 0);
        let t = "Titel\n\nText.\n\nPressekontakt\nKlara Vogt\nLeiterin Kommunikation\nMarktplatz 3, 79000 Talburg\nklara.vogt@talburg.example\n\nJonas Brandt\nLeiterin Kommunikation\nMarktplatz 3, 79000 Talburg\njonas.brandt@talburg.example\n";
        assert_lints(R, t, "de", 0);
    }

    #[test]
    fn a_person_or_an_entry_given_twice() {
        // The name line again after the details.
        let t = "Title of it\n\nBody text.\n\nMedia contact\nMarta Kowal, Press officer\nmarta.kowal@eastbury.example\n+44 20 7946 0000\nMarta Kowal, Press Officer\n";
        assert_lints(R, t, "en", 1);
        // A whole entry, among others, pasted again.
        let t = "Title of it\n\nBody text.\n\nMedia contacts\nMarta Kowal, Press officer\nmarta.kowal@eastbury.example\nOwen Pryce, Press officer\nowen.pryce@eastbury.example\nMarta Kowal, Press officer\nmarta.kowal@eastbury.example\n";
        let d = crate::rules::testing::run(R, t, "en");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(d[0].message.contains("2 contact lines"), "{}", d[0].message);
    }

    #[test]
    fn shared_roles_and_headings_are_fine() {
        let t = "Title of it\n\nBody text.\n\nPress contact\nJane Doe\nSpokesperson\njane@example.org\nJohn Roe\nSpokesperson\njohn@example.org\n";
        assert_lints(R, t, "en", 0);
    }
}
