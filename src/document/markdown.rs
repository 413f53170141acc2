//! What in a Markdown release is not prose: code (fenced and indented
//! blocks, inline code), HTML comments, front matter, link and image
//! targets and link reference definitions. Found with pulldown-cmark's
//! source offsets, so the ranges follow CommonMark, not a hand-written
//! approximation of it.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::source::Span;

/// The byte ranges of `text` that no rule reads, sorted and merged. `text`
/// is the whole release (a leading BOM is skipped).
pub fn non_prose(text: &str) -> Vec<Span> {
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[base..];
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let parser = Parser::new_ext(body, opts);
    let mut out: Vec<Span> = parser
        .reference_definitions()
        .iter()
        .map(|(_, d)| d.span.clone())
        .collect();
    // Open links and images: their whole range, whether the whole range is
    // a target (autolinks), and where their text ends so far.
    let mut links: Vec<(Span, bool, usize)> = Vec::new();
    let mut html_block: Option<(Span, bool)> = None;
    for (event, range) in parser.into_offset_iter() {
        if let Some(l) = links.last_mut() {
            if !matches!(event, Event::End(TagEnd::Link | TagEnd::Image)) {
                l.2 = l.2.max(range.end);
            }
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::MetadataBlock(_)) => {
                out.push(range)
            }
            Event::Code(_) => out.push(range),
            Event::Start(Tag::HtmlBlock) => html_block = Some((range, false)),
            Event::Html(h) => {
                if let Some((_, comment)) = &mut html_block {
                    // A block that opens with a comment is a comment block.
                    if !*comment && h.trim_start().starts_with("<!--") {
                        *comment = true;
                    }
                } else if h.trim_start().starts_with("<!--") {
                    out.push(range);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((r, true)) = html_block.take() {
                    out.push(r);
                }
            }
            Event::InlineHtml(h) if h.starts_with("<!--") => out.push(range),
            Event::Start(Tag::Link { link_type, .. })
            | Event::Start(Tag::Image { link_type, .. }) => {
                let whole = matches!(link_type, LinkType::Autolink | LinkType::Email);
                // The text starts after the opening `[` (`![` for an image).
                let text_start = range.start + body[range.clone()].find('[').map_or(0, |i| i + 1);
                links.push((range, whole, text_start));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((r, whole, text_end)) = links.pop() {
                    let from = if whole { r.start } else { text_end.min(r.end) };
                    if from < r.end {
                        out.push(from..r.end);
                    }
                    if let Some(l) = links.last_mut() {
                        l.2 = l.2.max(r.end);
                    }
                }
            }
            _ => {}
        }
    }
    for r in &mut out {
        *r = r.start + base..r.end + base;
    }
    merge(out)
}

/// Sorts and merges overlapping or touching ranges.
fn merge(mut v: Vec<Span>) -> Vec<Span> {
    v.retain(|r| r.start < r.end);
    v.sort_by_key(|r| r.start);
    let mut out: Vec<Span> = Vec::with_capacity(v.len());
    for r in v {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Whether byte `at` lies in one of the sorted, disjoint `ranges`.
pub fn contains(ranges: &[Span], at: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= at);
    ranges.get(i).is_some_and(|r| r.start <= at)
}

/// Whether `span` overlaps one of the sorted, disjoint `ranges`.
pub fn overlaps(ranges: &[Span], span: &Span) -> bool {
    let i = ranges.partition_point(|r| r.end <= span.start);
    ranges
        .get(i)
        .is_some_and(|r| r.start < span.end.max(span.start + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> Vec<&str> {
        non_prose(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn code_comments_front_matter_and_targets() {
        let t = "---\ntitle: X\n---\n\nText `the the` and [a link](https://x.org/XXX \"t\").\n\n```\nXXX\n```\n\n    indented XXX\n\n<!-- TODO XXX -->\n\nSee <https://x.org> and ![alt](img.png) and [ref][r].\n\n[r]: https://example.org/XXX\n";
        let m = masked(t);
        assert!(m.contains(&"---\ntitle: X\n---"), "{m:?}");
        assert!(m.contains(&"`the the`"), "{m:?}");
        assert!(m.contains(&"](https://x.org/XXX \"t\")"), "{m:?}");
        assert!(m.iter().any(|s| s.starts_with("```\nXXX")), "{m:?}");
        assert!(m.iter().any(|s| s.contains("indented XXX")), "{m:?}");
        assert!(m.iter().any(|s| s.starts_with("<!-- TODO")), "{m:?}");
        assert!(m.contains(&"<https://x.org>"), "{m:?}");
        assert!(m.contains(&"](img.png)"), "{m:?}");
        assert!(
            m.iter().any(|s| s.contains("https://example.org/XXX")),
            "{m:?}"
        );
        // Link text stays prose.
        assert!(!m.iter().any(|s| s.contains("a link")), "{m:?}");
    }

    /// A Markdown release whose body holds `snippet`.
    fn release(snippet: &str) -> String {
        format!("# City opens a new library\n\nBrussels, 3 June 2026 – The city opens a library today.\n\n{snippet}\n\nPress contact: Jan Peeters, jan@example.org\n")
    }

    #[test]
    fn no_rule_reads_code_comments_or_link_targets() {
        use crate::rules::testing::run_path;
        let hidden = [
            "```\nrun XXX here\nthe the\n```",
            "~~~text\nXXX and the the\n~~~",
            "Some text before.\n\n    XXX the the\n",
            "Type `XXX` or `the the` in the box.",
            "A note <!-- XXX: the the --> in a line.",
            "<!--\nXXX\nthe the\n-->",
            "Read [the report](https://example.org/XXX/the the.pdf) today.",
            "Read [the report][r] today.\n\n[r]: https://example.org/XXX",
        ];
        for snippet in hidden {
            let t = release(snippet);
            for rule in ["placeholder", "repeated-word"] {
                let d = run_path(rule, "release.md", &t, "en");
                assert!(d.is_empty(), "{rule} on {snippet:?}: {d:#?}");
            }
        }
        // Front matter.
        let t = format!(
            "---\ntitle: XXX\nnote: the the\n---\n\n{}",
            release("Body text.")
        );
        for rule in ["placeholder", "repeated-word"] {
            assert!(run_path(rule, "release.md", &t, "en").is_empty(), "{rule}");
        }
        // The same words in prose are reported.
        let t = release("Type XXX in the the box.");
        assert_eq!(run_path("placeholder", "release.md", &t, "en").len(), 1);
        assert_eq!(run_path("repeated-word", "release.md", &t, "en").len(), 1);
        let t = release("Read [the the report](https://example.org/x) XXX today.");
        assert_eq!(run_path("placeholder", "release.md", &t, "en").len(), 1);
        assert_eq!(run_path("repeated-word", "release.md", &t, "en").len(), 1);
    }

    #[test]
    fn structural_findings_on_front_matter_stay() {
        use crate::rules::testing::run_path_with_config;
        // The template's findings are anchored on the first paragraph,
        // which is front matter here: they are not about its text.
        let t = "---\ntitle: Test\n---\n\n# City opens a park\n\nThe city opened a park today with trees and benches.\n";
        let cfg = "[template]\nembargo = \"required\"\n";
        let d = run_path_with_config("template", "release.md", t, "en", cfg);
        assert!(d.len() >= 2, "{d:#?}");
        assert!(d.iter().any(|d| d.message.contains("embargo")), "{d:#?}");
        assert!(d.iter().any(|d| d.message.contains("`contact`")), "{d:#?}");
    }

    #[test]
    fn lookups() {
        let r = vec![2..4, 8..10];
        assert!(!contains(&r, 1));
        assert!(contains(&r, 2));
        assert!(!contains(&r, 4));
        assert!(overlaps(&r, &(3..6)));
        assert!(!overlaps(&r, &(4..8)));
        assert!(overlaps(&r, &(9..9)));
    }
}
