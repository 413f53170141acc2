//! `empty-section`: a subheading with nothing under it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Document};
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "empty-section",
    default_severity: Severity::Error,
    languages: &[],
    summary: "A subheading followed directly by the next heading or the end of the release",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Reports a subheading (a body subheading, a contact or boilerplate
heading) that has no text before the next heading, the end mark, the end
of the language half or the end of the release. Both layouts are
understood: Markdown headings (`## Next steps`, `**Next steps**`) and
plain-text releases where a heading is a bare short line, with or
without blank lines around it.

A Markdown heading followed by a deeper one (`## Partners` then
`### Belgium`) is not empty: it opens a group of sections. In plain text,
a bare line holding a date or a number under a heading ("Programme" ⏎
"Friday 9 January" ⏎ text) is read as an item of the section, and a run
of three or more bare lines ("Partners" ⏎ "City of Aachen" ⏎ "City of
Liège") as a list without bullets, not as headings. At the end of the
release only a short line (five words at most) or a contact or
boilerplate heading counts as a heading.

## Why it matters
An empty section is text that was cut or never written; readers see a
heading that promises something and delivers nothing.

## Example
    Mobility
    ^^^^^^^^ heading with no text under it
    Opening hours

## Options
None.

## Fix safety
No fix: the missing text has to be written, or the heading removed.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct EmptySection;

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(EmptySection))
}

/// The Markdown heading level of a paragraph (`## x` → 2), if it is one.
fn md_level(doc: &Document, para: usize) -> Option<usize> {
    if !doc.is_markdown() {
        return None;
    }
    let text = doc.text();
    let start = doc.lines()[doc.paragraphs()[para].lines.start]
        .trimmed
        .start;
    let raw = &text[start..];
    let n = raw.len() - raw.trim_start_matches('#').len();
    (n > 0 && raw[n..].starts_with([' ', '\t'])).then_some(n)
}

/// Whether heading `i` opens a run of bare lines, on consecutive lines of
/// the source, that ends in contact lines: a contact block whose name and
/// role lines look like headings ("Rückfragehinweis:" ⏎ "Mag. Karl Gruber"
/// ⏎ "Mediensprecher" ⏎ "Tel.: …").
fn leads_into_contact_lines(cx: &Context, i: usize) -> bool {
    let doc = cx.doc;
    let paras = doc.paragraphs();
    let mut k = i;
    // Contact blocks are short: look at most eight lines ahead.
    while k + 1 < paras.len()
        && k < i + 8
        && paras[k + 1].region == paras[i].region
        && paras[k + 1].lines.start == paras[k].lines.end
    {
        k += 1;
        match paras[k].kind {
            // A real contact heading after it: heading `i` closed a section.
            BlockKind::Heading if cx.parser.is_contact_heading(doc.para_text(k)) => return false,
            BlockKind::Heading => continue,
            BlockKind::Contact => return true,
            _ => return false,
        }
    }
    false
}

/// Whether a short line reads as an item (it holds a digit, a weekday or a
/// month name) rather than a heading.
fn is_item_line(cx: &Context, s: &str) -> bool {
    let lists = &cx.langs.all().lists;
    s.chars().any(|c| c.is_ascii_digit())
        || s.split(|c: char| !c.is_alphabetic()).any(|w| {
            let w = w.to_lowercase();
            !w.is_empty() && (lists.weekdays.contains(&w) || lists.months.contains(&w))
        })
}

impl Rule for EmptySection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let paras = doc.paragraphs();
        // In plain text, a run of three or more bare lines on consecutive
        // lines ("Partners" ⏎ "City of Aachen" ⏎ "City of Liège") is a list
        // without bullets, not a series of headings. `run[i]`: the length of
        // the run holding paragraph i (contact and boilerplate headings,
        // which always head something, are not counted).
        let plain_heading = |i: usize| {
            paras[i].kind == BlockKind::Heading
                && md_level(doc, i).is_none()
                && !cx.parser.is_contact_heading(doc.para_text(i))
                && !cx.parser.is_about_heading(doc.para_text(i))
        };
        let mut run = vec![0usize; paras.len()];
        let mut k = 0;
        while k < paras.len() {
            if !plain_heading(k) {
                k += 1;
                continue;
            }
            let start = k;
            while k + 1 < paras.len()
                && plain_heading(k + 1)
                && paras[k + 1].lines.start == paras[k].lines.end
            {
                k += 1;
            }
            for r in &mut run[start..=k] {
                *r = k + 1 - start;
            }
            k += 1;
        }
        for (i, p) in paras.iter().enumerate() {
            if p.kind != BlockKind::Heading || run[i] >= 3 {
                continue;
            }
            // The next paragraph with content, in the same language half.
            let next = (i + 1..paras.len())
                .take_while(|&j| paras[j].region == p.region)
                .find(|&j| paras[j].kind != BlockKind::Meta);
            if leads_into_contact_lines(cx, i) {
                continue;
            }
            let empty = match next {
                // At the end of a half or of the release, only a line that
                // reads as a heading: short, or a contact or boilerplate heading.
                None => {
                    let t = doc.para_text(i);
                    t.split_whitespace().count() <= 5
                        || cx.parser.is_contact_heading(t)
                        || cx.parser.is_about_heading(t)
                }
                Some(j) => match paras[j].kind {
                    BlockKind::EndMark => true,
                    BlockKind::Heading => match (md_level(doc, i), md_level(doc, j)) {
                        (Some(a), Some(b)) => b <= a,
                        // A bare line with a date or a number under a bare
                        // heading ("Programme" ⏎ "Friday 9 January") is an
                        // item of the section, not the next heading.
                        (None, _) if !doc.is_markdown() => !is_item_line(cx, doc.para_text(j)),
                        _ => true,
                    },
                    _ => false,
                },
            };
            if !empty {
                continue;
            }
            let mut d = Diagnostic::new(
                &META,
                p.span.clone(),
                format!(
                    "section \"{}\" is empty",
                    crate::document::sections::strip_decoration(doc.para_text(i))
                ),
            )
            .with_label("heading with no text under it");
            d = match next {
                Some(j) if paras[j].kind == BlockKind::Heading => {
                    d.with_secondary(paras[j].span.clone(), "next heading")
                }
                Some(j) => d.with_secondary(paras[j].span.clone(), "end mark"),
                None => d.with_note("the release ends after this heading"),
            };
            out.push(d.with_help("write the section or remove its heading"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_lints, run_path};

    const R: &str = "empty-section";

    const ONE_PER_LINE: &str = "Le marché de Noël s’installe à Namur\nNamur, le 20 novembre 2026 – Le marché de Noël ouvre ses soixante chalets sur la place d’Armes.\nDes chalets plus nombreux\nCette année, vingt artisans de la province rejoignent le marché.\nMobilité\nHoraires\nDu lundi au dimanche, de 11 h à 22 h.\n";

    #[test]
    fn plain_text() {
        assert_lints(R, ONE_PER_LINE, "fr", 1);
        assert_lints(
            R,
            "Title\n\nLondon, 3 March 2026 – The council met today and approved the plan.\n\nOutlook\n\nAbout the Council\n\nThe Council runs the city.\n",
            "en",
            1,
        );
        // A heading at the very end.
        assert_lints(
            R,
            "Titel\n\nGent, 3 maart 2026 – De stad opent vandaag een nieuwe bibliotheek.\n\nPraktisch\n",
            "nl",
            1,
        );
    }

    #[test]
    fn markdown() {
        let md = "# Titel\n\n**Berlin, 3. März 2026** – Die Stadt eröffnet heute eine Bibliothek.\n\n## Nächste Schritte\n\n## Partner\n\nDie Stadt arbeitet mit der Universität.\n";
        assert_eq!(run_path(R, "r.md", md, "de").len(), 1);
        let nested = "# Titel\n\n**Berlin, 3. März 2026** – Die Stadt eröffnet heute eine Bibliothek.\n\n## Partner\n\n### Universität\n\nDie Universität hilft.\n";
        assert_eq!(run_path(R, "r.md", nested, "de").len(), 0);
    }

    #[test]
    fn bare_lists_are_not_headings() {
        let t = "Three cities open a cycling route\n\nAachen, 18 May 2026 – The cities opened a 120-kilometre route today.\n\nPartners\nCity of Maastricht\nCity of Aachen\nCity of Liège\n\nThe route has signposts in three languages.\n";
        assert_lints(R, t, "en", 0);
        // A long last line is an unfinished sentence, not a heading.
        let u = "Titel\n\nGent, 3 maart 2026 – De stad opent vandaag een nieuwe bibliotheek.\n\nMeer info op de website van de stad\n";
        assert_lints(R, u, "nl", 0);
    }

    #[test]
    fn date_lines_are_items() {
        let t = "Le festival revient\n\nTournai, le 3 mars 2026 – Le festival revient pour trois soirs.\n\nProgramme\nVendredi 9 janvier\nConcert d’ouverture sur la Grand-Place.\n";
        assert_lints(R, t, "fr", 0);
    }

    #[test]
    fn contact_lines_that_look_like_headings() {
        let t = "Titel\n\nLinz, 3. März 2026 – Die Stadt eröffnet heute eine Bibliothek.\n\nMedienanfragen an:\nMag. Karl Gruber\nSprecher der Stadt\nTel.: +43 732 7070 1234\n";
        assert_lints(R, t, "de", 0);
        // An empty section right before the contact heading is still empty.
        let e = "Titel\nLinz, 3. März 2026 – Die Stadt eröffnet heute eine Bibliothek.\nAusblick\nPressekontakt\nKarl Gruber\nTel.: +43 732 7070 1234\n";
        assert_lints(R, e, "de", 1);
    }

    #[test]
    fn full_sections() {
        let ok = "Title\n\nLondon, 3 March 2026 – The council met today and approved the plan.\n\nNext steps\n\nWork starts in May.\n\nMedia contact\nJane Doe, jane@example.org\n";
        assert_lints(R, ok, "en", 0);
    }
}
