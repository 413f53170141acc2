//! `empty-section`: a subheading with nothing under it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::sections::strip_decoration;
use crate::document::{BlockKind, Document};
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "empty-section",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "A subheading followed directly by the next heading or the end of the release",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Reports a subheading (a body subheading, a contact or boilerplate
heading) that has no text before the next heading of the same or a higher
rank, the end mark, the end of the language half or the end of the
release. Both layouts are understood: Markdown headings (`## Next steps`,
`**Next steps**`) and plain-text releases where a heading is a bare short
line, with or without blank lines around it.

The severity is a warning: in plain text, headings are inferred from the
layout, and when a line can be read another way it is not reported.
A bare line is not an empty heading when it is:
- a group heading followed by its own sub-headings: `## Partners` then
  `### Belgium` or `**Belgium**` in Markdown; in plain text, a line followed by a title
  with a subtitle ("Decisions" ⏎ "Museums: free entry on Sundays"), by
  a mixed-case line under a line in capitals, or a release where every
  titled item sits under such a group heading;
- above the first text of the release: a kicker, a label, a standfirst
  line, a title followed by another title-like line;
- a title followed by a byline ("On a proposal from Minister Jane Doe"),
  or a line longer than six words (a title, a sentence without its full
  stop), or followed by one;
- a lead-in ending in ":" ("The new limits are:"), whatever follows it;
- a list item: a bulleted line, a numbered line next to the previous or
  next number ("7. …" ⏎ "8. …"), a bare line holding a date or a number
  ("Programme" ⏎ "Friday 9 January"), a run of three or more bare lines
  ("Partners" ⏎ "City of Aachen" ⏎ "City of Liège"), a footnote at the
  end ("1 Excluding acquisitions");
- a "Related information" heading ("See also", "Plus d'information",
  "Gerelateerde informatie", "Weiterführende Informationen": the packs'
  `related-headings`) and the link titles under it;
- a signature: a role line ("The spokesperson", "Die Stadtsprecherin")
  and the name line under it;
- the name and role lines of a contact block.
At the end of the release only a short line (five words at most) or a
contact or boilerplate heading counts as a heading.

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

/// Longest bare line (in words) that can be an empty subheading when the
/// next heading follows it; a longer one is a title, a list item or a
/// sentence without its full stop.
const MAX_PLAIN_HEADING_WORDS: usize = 6;

/// Longest bare line (in words) read as a heading at the end of a release.
const MAX_LAST_HEADING_WORDS: usize = 5;

/// The words of a line, folded ("Die Stadtsprecherin" → ["die",
/// "stadtsprecherin"]), punctuation around them removed.
fn folded_words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(crate::people::fold::fold)
        .collect()
}

/// Whether a short line is a role line of a signature ("Die
/// Stadtsprecherin", "Le porte-parole", "The Minister for Energy"):
/// a role word after at most a determiner.
fn is_role_line(cx: &Context, para: usize) -> bool {
    let t = strip_decoration(cx.doc.para_text(para));
    // Counted before any word is folded: most paragraphs are longer.
    let n = t
        .split_whitespace()
        .filter(|w| !w.trim_matches(|c: char| !c.is_alphanumeric()).is_empty())
        .take(MAX_PLAIN_HEADING_WORDS + 1)
        .count();
    if n == 0 || n > MAX_PLAIN_HEADING_WORDS {
        return false;
    }
    let words = folded_words(t);
    debug_assert_eq!(words.len(), n);
    let table = cx.people.table(cx.doc.lang_of(para));
    let skip = usize::from(table.is_stop(&words[0]) && words.len() > 1);
    let refs: Vec<&str> = words[skip..].iter().map(String::as_str).collect();
    table.role_at(&refs).is_some()
}

/// Whether a line names someone with a role or a form of address before a
/// capitalised name: a byline ("On a proposal from Minister Jane Doe") or
/// a signature ("Vice-Chancellor John Smith").
fn names_person(cx: &Context, para: usize) -> bool {
    let t = strip_decoration(cx.doc.para_text(para));
    let raw: Vec<&str> = t
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<String> = raw.iter().map(|w| crate::people::fold::fold(w)).collect();
    let table = cx.people.table(cx.doc.lang_of(para));
    (0..words.len()).any(|k| {
        let refs: Vec<&str> = words[k..].iter().map(String::as_str).collect();
        let len = match table.role_at(&refs) {
            Some(m) => m.len,
            None if table.is_honorific(&words[k]) => 1,
            None => return false,
        };
        raw.get(k + len)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    })
}

/// Whether a line is written in capitals ("GENÈVE INTERNATIONALE").
fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

/// Whether a heading ends with a colon: a lead-in ("The limits are:",
/// "Programme:") that introduces what follows, whatever it looks like.
fn is_lead_in(doc: &Document, para: usize) -> bool {
    let t = doc.para_text(para).trim_end();
    let t = t.trim_end_matches(['*', '_', ' ', '\u{a0}', '\u{202f}']);
    t.ends_with(':')
}

/// Whether bare line `j`, right under bare heading `i`, ranks below it: a
/// title with a subtitle ("Museums: free entry on Sundays"), a mixed-case line
/// under one in capitals, or a byline. Such a pair is a
/// group heading and its first sub-heading, or a title and its byline.
fn ranks_below(cx: &Context, i: usize, j: usize) -> bool {
    let doc = cx.doc;
    let (a, b) = (
        strip_decoration(doc.para_text(i)),
        strip_decoration(doc.para_text(j)),
    );
    (b.contains(':') && !a.contains(':'))
        || (is_all_caps(a) && !is_all_caps(b))
        || names_person(cx, j)
}

impl EmptySection {
    /// Whether heading `i` is one of the short lines that follow a lead-in
    /// ("The new opening hours are:" ⏎ "Central library" ⏎ "Mondays to
    /// Saturdays, 8:00 to 20:00" ⏎ …): the lines between the lead-in and
    /// it are all headings or list items.
    fn in_lead_in_list(&self, cx: &Context, i: usize) -> bool {
        let doc = cx.doc;
        let paras = doc.paragraphs();
        let mut k = i;
        // A list under a lead-in is short: look at most twelve lines back.
        for _ in 0..12 {
            let Some(prev) = (0..k)
                .rev()
                .take_while(|&j| paras[j].region == paras[i].region)
                .find(|&j| paras[j].kind != BlockKind::Meta)
            else {
                return false;
            };
            if is_lead_in(doc, prev) && !cx.parser.is_contact_heading(doc.para_text(prev)) {
                return true;
            }
            if !matches!(paras[prev].kind, BlockKind::Heading | BlockKind::ListItem) {
                return false;
            }
            k = prev;
        }
        false
    }
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
        let keyword_heading = |i: usize| {
            let t = doc.para_text(i);
            cx.parser.is_contact_heading(t) || cx.parser.is_about_heading(t)
        };
        let next_content = |i: usize| {
            (i + 1..paras.len())
                .take_while(|&j| paras[j].region == paras[i].region)
                .find(|&j| paras[j].kind != BlockKind::Meta)
        };
        let prev_content = |i: usize| {
            (0..i)
                .rev()
                .take_while(|&j| paras[j].region == paras[i].region)
                .find(|&j| paras[j].kind != BlockKind::Meta)
        };
        let words = |i: usize| {
            strip_decoration(doc.para_text(i))
                .split_whitespace()
                .count()
        };
        // A plain-text layout with two levels of bare headings: a group
        // heading directly followed by the title of its first item, itself
        // followed by text ("Culture" ⏎ "Free entry to
        // museums" ⏎ text), seen at least twice in the release.
        let pairs: std::collections::HashSet<(usize, usize)> = (0..paras.len())
            .filter(|&i| plain_heading(i))
            .filter_map(|i| {
                let j = next_content(i)?;
                let k = next_content(j)?;
                (plain_heading(j) && paras[k].kind != BlockKind::Heading).then_some((i, j))
            })
            .collect();
        // Consistently: every bare heading with text right under it is the
        // second of such a pair (a release with two empty sections among
        // ordinary ones is not a two-level layout).
        let items: std::collections::HashSet<usize> = pairs.iter().map(|&(_, j)| j).collect();
        let two_levels = pairs.len() >= 2
            && (0..paras.len())
                .filter(|&i| plain_heading(i))
                .filter(|&i| next_content(i).is_some_and(|j| paras[j].kind != BlockKind::Heading))
                .all(|i| items.contains(&i));
        // The first paragraph of text of each language half.
        let first_text: Vec<Option<usize>> = doc
            .regions()
            .iter()
            .map(|r| {
                r.paras.clone().find(|&q| {
                    matches!(
                        paras[q].kind,
                        BlockKind::Lede
                            | BlockKind::Body
                            | BlockKind::Quote
                            | BlockKind::ListItem
                            | BlockKind::Contact
                            | BlockKind::About
                    )
                })
            })
            .collect();
        for (i, p) in paras.iter().enumerate() {
            if p.kind != BlockKind::Heading || run[i] >= 3 {
                continue;
            }
            if leads_into_contact_lines(cx, i) {
                continue;
            }
            let keyword = keyword_heading(i);
            if !keyword {
                // Above the first text of the release (or of its language
                // half), bare lines are kickers, labels and standfirst lines.
                let in_front = first_text[p.region].is_none_or(|q| i < q);
                // A lead-in ("… are:") introduces what follows; a role line
                // ("The spokesperson") and the name under it are a signature.
                // Short lines after a lead-in are its list; a line with a
                // date or a number under a heading is an item of its section
                // ("Programme" ⏎ "Friday 9 January").
                let prev = prev_content(i);
                let item_under_heading = !doc.is_markdown()
                    && is_item_line(cx, doc.para_text(i))
                    && prev.is_some_and(|k| paras[k].kind == BlockKind::Heading);
                if in_front
                    || is_lead_in(doc, i)
                    || self.in_lead_in_list(cx, i)
                    || item_under_heading
                    || is_role_line(cx, i)
                    || prev.is_some_and(|k| is_role_line(cx, k))
                {
                    continue;
                }
            }
            // The next paragraph with content, in the same language half.
            let next = next_content(i);
            let empty = match next {
                // At the end of a half or of the release, only a line that
                // reads as a heading: short, or a contact or boilerplate
                // heading; not a footnote or an item ("1 Excluding acquisitions").
                None => {
                    let t = doc.para_text(i);
                    keyword
                        || (words(i) <= MAX_LAST_HEADING_WORDS
                            && (md_level(doc, i).is_some() || !is_item_line(cx, t))
                            && !names_person(cx, i))
                }
                Some(j) => match paras[j].kind {
                    BlockKind::EndMark => true,
                    BlockKind::Heading => match (md_level(doc, i), md_level(doc, j)) {
                        (Some(a), Some(b)) => b <= a,
                        // Bare lines: the next one must be a heading of the
                        // same rank. A contact or boilerplate heading always
                        // is; a bare line with a date or a number
                        // ("Programme" ⏎ "Friday 9 January") is an item of
                        // the section; a longer line (a title or a
                        // standfirst), a title with a subtitle, a byline or
                        // a role line ranks below; so does the first item
                        // title under a group heading in a two-level layout.
                        (None, _) if !doc.is_markdown() => {
                            let peer = || {
                                let sub_item = two_levels && pairs.contains(&(i, j));
                                words(j) <= MAX_PLAIN_HEADING_WORDS
                                    && !is_item_line(cx, doc.para_text(j))
                                    && !is_role_line(cx, j)
                                    && !ranks_below(cx, i, j)
                                    && !sub_item
                            };
                            words(i) <= MAX_PLAIN_HEADING_WORDS && (keyword_heading(j) || peer())
                        }
                        // Markdown: a bold line ranks below any `#` heading
                        // ("## Partners" ⏎ "**Belgium**" opens a group).
                        (Some(_), None) => false,
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
        // A bold line under a `#` heading is a sub-heading of it.
        let bold = "# Titel\n\n**Berlin, 3. März 2026** – Die Stadt eröffnet heute eine Bibliothek.\n\n## Partner\n\n**Universität**\n\nDie Universität hilft.\n";
        assert_eq!(run_path(R, "r.md", bold, "de").len(), 0);
        // Two bold lines in a row are headings of one rank.
        let flat = "# Titel\n\n**Berlin, 3. März 2026** – Die Stadt eröffnet heute eine Bibliothek.\n\n**Ausblick**\n\n**Partner**\n\nDie Universität hilft.\n";
        assert_eq!(run_path(R, "r.md", flat, "de").len(), 1);
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
    fn severity_is_warning() {
        let d = crate::rules::testing::run(R, ONE_PER_LINE, "fr");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, crate::diagnostic::Severity::Warning);
    }

    const LEDE: &str = "London, 3 March 2026 – The council met today and approved the plan.";

    #[test]
    fn kickers_and_standfirst_lines_above_the_text() {
        let t = "HOUSING\n\nCouncil approves the plan\n\nNew homes by 2030\n\nA greener city\n\n"
            .to_string()
            + LEDE
            + "\n";
        assert_lints(R, &t, "en", 0);
    }

    #[test]
    fn lead_ins_and_their_lists() {
        let t = format!("Title\n\n{LEDE}\n\nThe new opening hours are:\n\nCentral library\nMondays to Saturdays\n\nBranch libraries\nTuesdays to Fridays\n\nMedia contact\nJane Doe, jane@example.org\n");
        assert_lints(R, &t, "en", 0);
    }

    #[test]
    fn numbered_items_and_footnotes() {
        let t = format!("Title\n\n{LEDE}\n\nMetals\n\n1. lead, 5 µg/L\n\n2. arsenic, 10 µg/L\n\nSolvents\n\n1. toluene, 7 µg/L\n\n2. benzene, 1 µg/L\n\nThe plan starts in May.\n\n1 Excluding acquisitions\n");
        assert_lints(R, &t, "en", 0);
    }

    #[test]
    fn related_information_and_link_titles() {
        let t = format!("Title\n\n{LEDE}\n\nRelated information\n\nMap of the new cycle lanes\n\nLast year’s annual report\n");
        assert_lints(R, &t, "en", 0);
        let t = "Titre\n\nNamur, le 3 mars 2026 – Le conseil a approuvé le plan.\n\n- Plus d’information sur le plan\n\nContact presse\nJeanne Dupont, jeanne@example.org\n";
        assert_lints(R, t, "fr", 0);
    }

    #[test]
    fn signatures() {
        let t = "Titel\n\nDer Stadtrat hat heute getagt und den Haushalt beschlossen.\n\nDer Stadtsprecher\n\nVizebürgermeister Karl Gruber\n";
        assert_lints(R, t, "de", 0);
        let t = "Titel\n\nDer Stadtrat hat heute getagt und den Haushalt beschlossen.\n\nDie Sprecherin\n\nAnna Huber\n\nLinz, 3. März 2026\n";
        assert_lints(R, t, "de", 0);
    }

    #[test]
    fn group_headings_titles_and_bylines() {
        // A group heading over a title with a subtitle.
        let t = format!("Title\n\n{LEDE}\n\nDecisions\n\nMuseums: free entry on Sundays\n\nThe city museums will be free on Sundays.\n");
        assert_lints(R, &t, "en", 0);
        // A line in capitals over mixed-case sub-headings.
        let t = format!("Title\n{LEDE}\nPRACTICAL INFORMATION\nOpening hours\nFrom 9:00 to 17:00 on weekdays.\n");
        assert_lints(R, &t, "en", 0);
        // A title followed by its byline.
        let t = "Beslissingen\n\nGent, 3 maart 2026 – Het bestuur nam vandaag twee beslissingen.\n\nFietsbrug\nOp voorstel van gedeputeerde Anke Willems\n\nDe provincie bouwt een fietsbrug.\n";
        assert_lints(R, t, "nl", 0);
        // A title followed by a standfirst-like line.
        let t = format!("Title\n\n{LEDE}\n\nFlood relief\nHouseholds in three flooded villages can claim relief\n\nApplications open in May.\n");
        assert_lints(R, &t, "en", 0);
        // A two-level layout: every item title sits under a group heading.
        let t = format!("Title\n\n{LEDE}\n\nTransport\n\nA shuttle between the stations\n\nThe council approved a free shuttle.\n\nHousing\n\nFlats near the campus\n\nThe council voted a loan for 120 flats.\n");
        assert_lints(R, &t, "en", 0);
    }

    #[test]
    fn empty_subheadings_among_other_layouts_are_still_found() {
        // Beside a bulleted list and a related-links list.
        let t = format!("Title\n{LEDE}\n- Twelve kilometres of track\n- Lighting on the whole route\nRoute\nThe route crosses two bridges.\nSafety\nCafés on the way\nThree cafés offer free water.\nSee also\nMap of the route\n");
        assert_lints(R, &t, "en", 1);
        // With blank lines, before a boilerplate heading.
        let t = format!("Title\n\n{LEDE}\n\nThe works\n\nContractor and planning\n\nWork starts in March.\n\nOutlook\n\nAbout the Council\n\nThe Council runs the city.\n");
        assert_lints(R, &t, "en", 2);
    }

    #[test]
    fn full_sections() {
        let ok = "Title\n\nLondon, 3 March 2026 – The council met today and approved the plan.\n\nNext steps\n\nWork starts in May.\n\nMedia contact\nJane Doe, jane@example.org\n";
        assert_lints(R, ok, "en", 0);
    }
}
