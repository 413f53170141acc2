//! Lines and paragraphs: the two paragraph styles of real releases.
//!
//! Releases come hard-wrapped (paragraphs of short lines separated by blank
//! lines) or with one paragraph per line (with or without blank lines
//! between). A block of consecutive non-blank lines is split into paragraphs
//! by asking, for each line break, whether the next line's first word would
//! have fitted on the line: if it would, the author broke the line on
//! purpose and a new paragraph starts.

use std::ops::Range;

use crate::source::{Source, Span};

/// One line of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line's content, without its terminator.
    pub span: Span,
    /// The content without leading and trailing whitespace (empty when blank).
    pub trimmed: Span,
    /// The line holds only whitespace (U+00A0 included), or nothing.
    pub blank: bool,
}

/// Whitespace as a reader sees it: Unicode whitespace plus the BOM and
/// zero-width no-break space.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Splits the source into lines.
pub fn lines(source: &Source) -> Vec<Line> {
    let text = source.text();
    (0..source.line_count())
        .map(|i| {
            let span = source.line_span(i);
            let s = &text[span.clone()];
            let lead = s.len() - s.trim_start_matches(is_space).len();
            let trimmed_len = s.trim_matches(is_space).len();
            let start = span.start + lead;
            Line {
                trimmed: start..start + trimmed_len,
                blank: trimmed_len == 0,
                span,
            }
        })
        .collect()
}

/// Character count of a line's trimmed content.
fn width(text: &str, line: &Line) -> usize {
    text[line.trimmed.clone()].chars().count()
}

/// The document's wrap width, when it looks hard-wrapped.
///
/// A document is hard-wrapped when most of its substantial lines (more than
/// 40 characters) are at most 100 characters long; the wrap width is then the
/// longest of those.
pub fn wrap_width(text: &str, lines: &[Line]) -> Option<usize> {
    let widths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.blank)
        .map(|l| width(text, l))
        .filter(|&w| w > 40)
        .collect();
    if widths.len() < 3 {
        return None;
    }
    let short = widths.iter().filter(|&&w| w <= 100).count();
    if short * 10 < widths.len() * 8 {
        return None;
    }
    widths.into_iter().filter(|&w| w <= 100).max()
}

/// Whether a line starts a structural element that never continues the
/// previous line (a list item, a Markdown heading or quote, a table row).
fn starts_structure(s: &str) -> bool {
    let t = s.trim_start_matches(is_space);
    t.starts_with('#')
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || t.starts_with("• ")
        || t.starts_with('>')
        || t.starts_with('|')
        || t.starts_with("<!--")
        || {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && digits < 4 && t[digits..].starts_with(". ")
        }
}

/// Whether a line starts with contact data (an e-mail, a phone number, a
/// web address): such a line is its own entry, never a continuation.
fn is_contact_datum(line: &str) -> bool {
    let first = line.split(is_space).next().unwrap_or("");
    first.contains('@')
        || first.starts_with("http")
        || first.starts_with("www.")
        || (first.starts_with('+') && first[1..].starts_with(|c: char| c.is_ascii_digit()))
        || {
            let lower = first.to_lowercase();
            [
                "tel", "tél", "phone", "e-mail", "email", "mail", "gsm", "mobile", "fax",
            ]
            .iter()
            .any(|k| lower.trim_end_matches([':', '.']) == *k)
        }
}

/// Groups lines into paragraphs: each paragraph is a range of line indices.
pub fn paragraphs(source: &Source, lines: &[Line], markdown: bool) -> Vec<Range<usize>> {
    paragraphs_with_starts(source, lines, markdown, None)
}

/// Like [`paragraphs`]; a line whose entry in `starts` is true starts a
/// paragraph whatever its layout (a paragraph of a .docx/.odt/.html).
pub fn paragraphs_with_starts(
    source: &Source,
    lines: &[Line],
    markdown: bool,
    starts: Option<&[bool]>,
) -> Vec<Range<usize>> {
    let starts_at = |i: usize| starts.is_some_and(|s| s.get(i).copied().unwrap_or(false));
    let text = source.text();
    let wrap = if markdown {
        None
    } else {
        wrap_width(text, lines)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].blank {
            i += 1;
            continue;
        }
        let start = i;
        while i + 1 < lines.len()
            && !lines[i + 1].blank
            && !starts_at(i + 1)
            && joins(text, lines, i, wrap, markdown)
        {
            i += 1;
        }
        out.push(start..i + 1);
        i += 1;
    }
    out
}

/// Whether line `i` continues into line `i + 1` (both non-blank).
fn joins(text: &str, lines: &[Line], i: usize, wrap: Option<usize>, markdown: bool) -> bool {
    let cur = &text[lines[i].trimmed.clone()];
    let next = &text[lines[i + 1].trimmed.clone()];
    if starts_structure(next)
        || cur.starts_with('#')
        || cur.starts_with("<!--")
        || is_contact_datum(next)
    {
        return false;
    }
    if markdown {
        // Markdown: lines of one block are one paragraph (soft wrap), except
        // a hard break (two trailing spaces or a backslash) in short lines
        // such as an address or a contact block.
        // A short line (a bold heading, a name, an e-mail) ends its block.
        let raw = &text[lines[i].span.clone()];
        return width(text, &lines[i]) > 40 && !(raw.ends_with("  ") || raw.ends_with('\\'));
    }
    let w = width(text, &lines[i]);
    if w <= 40 {
        return false;
    }
    // A sentence that runs on into a lower-case line continues the paragraph,
    // even when the line was broken early (an edit inserted a word).
    let open_end = !cur.ends_with(['.', '!', '?', ':', '»', '"', '”', ';']);
    if open_end && next.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    let Some(wrap) = wrap else {
        return false;
    };
    let first_word = next.split(is_space).next().unwrap_or("").chars().count();
    // A few characters of slack: the estimated width is the longest line
    // seen, which may be shorter than the width the author wrapped at.
    w + 1 + first_word > wrap.saturating_sub(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(t: &str, md: bool) -> Vec<Range<usize>> {
        let s = Source::new("t", t);
        let l = lines(&s);
        paragraphs(&s, &l, md)
    }

    #[test]
    fn nbsp_only_line_is_blank() {
        let s = Source::new("t", "a\n\u{a0}\n \t\nb");
        let l = lines(&s);
        assert!(!l[0].blank && l[1].blank && l[2].blank && !l[3].blank);
    }

    #[test]
    fn one_paragraph_per_line() {
        let long = "word ".repeat(40);
        let t = format!("Title here\n{long}end.\n{long}end.\nHeading\n{long}end.");
        assert_eq!(paras(&t, false), vec![0..1, 1..2, 2..3, 3..4, 4..5]);
    }

    #[test]
    fn hard_wrapped_paragraphs_join() {
        let t = "Title\n\n\
                 The council approved the new budget on Tuesday, and the mayor\n\
                 said the plan would take effect next spring after a short\n\
                 consultation.\n\n\
                 A second paragraph that is also wrapped at roughly the same\n\
                 width as the first one, so it joins too.\n";
        assert_eq!(paras(t, false), vec![0..1, 2..5, 6..8]);
    }

    #[test]
    fn short_lines_in_wrapped_text_stay_apart() {
        let t = "The council approved the new budget on Tuesday, and the mayor\n\
                 said the plan would take effect next spring after a short\n\
                 consultation.\n\n\
                 Media contact\n\
                 Jane Doe, spokesperson\n\
                 jane@example.org\n";
        assert_eq!(paras(t, false), vec![0..3, 4..5, 5..6, 6..7]);
    }

    #[test]
    fn markdown_soft_wrap_and_lists() {
        let t = "# Title\nA first line that is long enough to be soft-wrapped prose,\nline two\n- item\n- item two\n";
        assert_eq!(paras(t, true), vec![0..1, 1..3, 3..4, 4..5]);
    }
}
