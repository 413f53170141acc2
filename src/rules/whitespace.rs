//! `whitespace`: whitespace-only lines, trailing whitespace, doubled spaces, tabs.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "whitespace",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "Whitespace-only lines, trailing whitespace, doubled spaces, tabs",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Reports:
- a line that holds only whitespace (spaces, tabs, U+00A0 no-break
  spaces): it looks empty but is not, and breaks paragraph detection in
  many publishing tools;
- whitespace at the end of a line (the CR of a CRLF line end is not
  whitespace; in Markdown, two or more trailing spaces are a hard line
  break and are left alone);
- two or more spaces inside a sentence (after `.`, `!`, `?` or `:` the
  old two-space convention is tolerated);
- a tab inside a line (and, in plain text, at its start); not in a .docx or
  .odt, where a tab is a tab stop;
- an invisible character hiding in the text: zero-width space, word
  joiner, soft hyphen, a BOM inside the text, bidirectional controls, a
  zero-width joiner between letters (inside an emoji it is fine). A soft
  hyphen between two letters is reported by `hyphenation-leftover`.

## Why it matters
Invisible characters survive into the CMS and the newsletter: stray
blank paragraphs, ragged spacing.

## Example
    The council  approved the budget.
               ^^ doubled space

## Options
None.

## Fix safety
Safe: deletes the whitespace, or replaces a run with one space (one
no-break space when the run holds one). Unsafe for a bidirectional mark or
control (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069): in right-to-left
text deleting it can reorder what the reader sees.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct Whitespace;

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(Whitespace))
}

fn is_hspace(c: char) -> bool {
    c != '\n' && c != '\r' && crate::document::text::is_space(c)
}

impl Rule for Whitespace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let md = doc.is_markdown();
        let word_processor = doc.source().places().is_some_and(|p| {
            matches!(
                p.kind,
                crate::extract::Kind::Docx | crate::extract::Kind::Odt
            )
        });
        let mut in_fence = false;
        for line in doc.lines() {
            let s = &text[line.span.clone()];
            if md && s.trim_start().starts_with("```") {
                in_fence = !in_fence;
                continue;
            }
            if in_fence || (md && s.trim_start().starts_with('|')) {
                continue;
            }
            if line.blank {
                // A BOM alone on the first line is not a whitespace line.
                if !s.is_empty() && s != "\u{feff}" {
                    let start = line.span.start + if s.starts_with('\u{feff}') { 3 } else { 0 };
                    out.push(
                        Diagnostic::new(
                            &META,
                            start..line.span.end,
                            "this line holds only whitespace",
                        )
                        .with_label(describe(&text[start..line.span.end]))
                        .with_fix(Fix::safe(vec![Edit::delete(start..line.span.end)])),
                    );
                }
                continue;
            }
            // Trailing whitespace.
            if line.trimmed.end < line.span.end {
                let tail = &text[line.trimmed.end..line.span.end];
                let md_break = md && tail.len() >= 2 && tail.chars().all(|c| c == ' ');
                if !md_break {
                    out.push(
                        Diagnostic::new(
                            &META,
                            line.trimmed.end..line.span.end,
                            "trailing whitespace",
                        )
                        .with_label(describe(tail))
                        .with_fix(Fix::safe(vec![Edit::delete(
                            line.trimmed.end..line.span.end,
                        )])),
                    );
                }
            }
            // Leading tabs in plain text.
            if !md && !word_processor && line.span.start < line.trimmed.start {
                let lead = &text[line.span.start..line.trimmed.start];
                if lead.contains('\t') {
                    out.push(
                        Diagnostic::new(
                            &META,
                            line.span.start..line.trimmed.start,
                            "a tab indents this line",
                        )
                        .with_label("tab")
                        .with_fix(Fix::safe(vec![Edit::delete(
                            line.span.start..line.trimmed.start,
                        )])),
                    );
                }
            }
            invisible(text, line.span.clone(), out);
            // Runs inside the line.
            let inner = &text[line.trimmed.clone()];
            let base = line.trimmed.start;
            let mut iter = inner.char_indices().peekable();
            let mut prev: Option<char> = None;
            while let Some((i, c)) = iter.next() {
                if !is_hspace(c) {
                    prev = Some(c);
                    continue;
                }
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = iter.peek() {
                    if !is_hspace(d) {
                        break;
                    }
                    end = j + d.len_utf8();
                    iter.next();
                }
                let run = &inner[i..end];
                let span = base + i..base + end;
                if run.contains('\t') {
                    // A tab of a word-processor document is a tab stop
                    // (layout the document shows as aligned text), not a
                    // stray character.
                    if word_processor {
                        continue;
                    }
                    out.push(
                        Diagnostic::new(&META, span.clone(), "a tab inside a line")
                            .with_label("tab")
                            .with_fix(Fix::safe(vec![Edit::replace(span, " ")])),
                    );
                } else if run.chars().count() >= 2 && !matches!(prev, Some('.' | '!' | '?' | ':')) {
                    let keep = run
                        .chars()
                        .find(|&c| c != ' ')
                        .map_or(" ".to_string(), |c| c.to_string());
                    out.push(
                        Diagnostic::new(&META, span.clone(), "doubled space")
                            .with_label(describe(run))
                            .with_fix(Fix::safe(vec![Edit::replace(span, keep)])),
                    );
                }
                prev = Some(c);
            }
        }
    }
}

/// The name of an invisible character that has no place in a release.
fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "zero-width space",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "zero-width no-break space (a BOM inside the text)",
        '\u{00AD}' => "soft hyphen",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{202A}'..='\u{202E}' => "bidirectional embedding control",
        '\u{2066}'..='\u{2069}' => "bidirectional isolate control",
        '\u{200D}' => "zero-width joiner",
        _ => return None,
    })
}

/// Whether `c` is a bidirectional mark, embedding or isolate control.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Reports invisible characters hiding in a line (a BOM at the start of the
/// file and a joiner inside an emoji sequence are fine).
fn invisible(text: &str, span: std::ops::Range<usize>, out: &mut Vec<Diagnostic>) {
    let line = &text[span.clone()];
    // Every invisible character starts with one of these bytes (U+00AD,
    // U+2xxx, U+FEFF), never a continuation byte: only there is a
    // character decoded.
    for (i, b) in line.bytes().enumerate() {
        if !matches!(b, 0xC2 | 0xE2 | 0xEF) {
            continue;
        }
        let Some(c) = line[i..].chars().next() else {
            continue;
        };
        let Some(name) = invisible_name(c) else {
            continue;
        };
        let at = span.start + i;
        if c == '\u{FEFF}' && at == 0 {
            continue;
        }
        if c == '\u{AD}' {
            // Between two letters it is a hyphenation leftover
            // (`hyphenation-leftover` reports it).
            let before = line[..i].chars().next_back();
            let after = line[i + c.len_utf8()..].chars().next();
            if before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic) {
                continue;
            }
        }
        if c == '\u{200D}' {
            let before = line[..i].chars().next_back();
            let after = line[i + c.len_utf8()..].chars().next();
            if !(before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic))
            {
                continue;
            }
        }
        let end = at + c.len_utf8();
        // Bidirectional controls order right-to-left text: deleting one can
        // change what a reader sees, so a human decides.
        let fix = if is_bidi_control(c) {
            Fix::unsafe_(vec![Edit::delete(at..end)])
        } else {
            Fix::safe(vec![Edit::delete(at..end)])
        };
        out.push(
            Diagnostic::new(
                &META,
                at..end,
                format!("invisible character U+{:04X} ({name})", c as u32),
            )
            .with_label("invisible character here")
            .with_help("it breaks search, copy-paste and screen readers")
            .with_fix(fix),
        );
    }
}

/// Names the characters of a whitespace run ("2 spaces", "no-break space").
fn describe(s: &str) -> String {
    let n = s.chars().count();
    let nbsp = s
        .chars()
        .filter(|&c| c == '\u{a0}' || c == '\u{202f}')
        .count();
    let tabs = s.chars().filter(|&c| c == '\t').count();
    let mut parts = Vec::new();
    if n - nbsp - tabs > 0 {
        parts.push(plural(n - nbsp - tabs, "space"));
    }
    if nbsp > 0 {
        parts.push(plural(nbsp, "no-break space"));
    }
    if tabs > 0 {
        parts.push(plural(tabs, "tab"));
    }
    parts.join(", ")
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_fix, assert_lints, run_path};

    const R: &str = "whitespace";

    #[test]
    fn every_invisible_character_starts_with_a_scanned_byte() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if super::invisible_name(c).is_some() {
                let first = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(matches!(first, 0xC2 | 0xE2 | 0xEF), "{c:?}");
            }
        }
    }

    #[test]
    fn positives() {
        assert_lints(R, "Title\n\u{a0}\nBody.\n", "en", 1);
        assert_lints(R, "Title\n   \nBody.\n", "en", 1);
        assert_lints(R, "Title  \nBody.\n", "en", 1);
        assert_lints(R, "The council  met.\n", "en", 1);
        assert_lints(R, "The council\tmet.\n", "en", 1);
        assert_lints(R, "The coun\u{200b}cil met.\n", "en", 1);
        assert_lints(R, "Le con\u{ad} seil a\u{202e} voté.\n", "fr", 2);
    }

    #[test]
    fn negatives() {
        assert_lints(R, "Title\r\n\r\nBody text.\r\n", "en", 0);
        assert_lints(R, "Il a dit\u{a0}: oui.  Puis il est parti.\n", "fr", 0);
        assert_lints(R, "\u{feff}Title\n\nBody.\n", "en", 0);
        // A soft hyphen inside a word is hyphenation-leftover's.
        assert_lints(R, "Le con\u{ad}seil a voté.\n", "fr", 0);
        assert_lints(
            R,
            "Family \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} day.\n",
            "en",
            0,
        );
        assert!(run_path(R, "r.md", "Line one  \nline two\n", "en").is_empty());
    }

    #[test]
    fn fixes() {
        assert_fix(R, "Title\n\u{a0}\nBody.\n", "Title\n\nBody.\n", "en");
        assert_fix(R, "A  b \u{a0}c.\t\n", "A b\u{a0}c.\n", "en");
    }
}
