//! `--format human`: rustc-style reports with the offending spans shown.

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::files::{Error as FilesError, Files, Location};
use codespan_reporting::term::{self, termcolor::WriteColor};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

use super::FileReport;

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// Lines longer than this (in characters) are shown as a window around the spans.
const MAX_LINE: usize = 140;
/// Characters of context kept on each side of a span in a long line.
const CONTEXT: usize = 40;

/// One line of a [`View`].
struct ViewLine {
    /// 0-based line of the source.
    real: usize,
    /// The part of the source line shown.
    orig: std::ops::Range<usize>,
    /// Where it starts in the view text (after a leading "…").
    start: usize,
    /// Its range in the view text, ellipses included.
    range: std::ops::Range<usize>,
}

/// The lines one diagnostic touches, long ones cut to a window around the
/// spans (a one-paragraph-per-line release has lines of a thousand
/// characters). Line numbers and columns stay those of the file.
struct View<'a> {
    src: &'a Source,
    text: String,
    lines: Vec<ViewLine>,
}

/// `n` characters back from byte `b` of `s`, not before `floor`.
fn back(s: &str, b: usize, n: usize, floor: usize) -> usize {
    s[floor..b]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// `n` characters on from byte `b` of `s`, not after `ceil`.
fn fwd(s: &str, b: usize, n: usize, ceil: usize) -> usize {
    s[b..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| b + i)
}

impl<'a> View<'a> {
    fn new(src: &'a Source, spans: &[std::ops::Range<usize>]) -> View<'a> {
        let text = src.text();
        let mut wanted: Vec<usize> = Vec::new();
        for sp in spans {
            let first = src.line_index(sp.start);
            let last = src.line_index(if sp.end > sp.start {
                sp.end - 1
            } else {
                sp.end
            });
            wanted.extend(first..=last.max(first));
        }
        wanted.sort_unstable();
        wanted.dedup();
        let mut out = View {
            src,
            text: String::new(),
            lines: Vec::new(),
        };
        for l in wanted {
            let line = src.line_span(l);
            let content = &text[line.clone()];
            let orig = if content.chars().count() <= MAX_LINE {
                line.clone()
            } else {
                let points: Vec<usize> = spans
                    .iter()
                    .flat_map(|s| [s.start, s.end])
                    .filter(|&p| p >= line.start && p <= line.end)
                    .collect();
                match (points.iter().min(), points.iter().max()) {
                    (Some(&lo), Some(&hi)) => {
                        back(text, lo, CONTEXT, line.start)..fwd(text, hi, CONTEXT, line.end)
                    }
                    _ => line.start..fwd(text, line.start, MAX_LINE / 2, line.end),
                }
            };
            let begin = out.text.len();
            if orig.start > line.start {
                out.text.push('…');
            }
            let start = out.text.len();
            out.text.push_str(&text[orig.clone()]);
            if orig.end < line.end {
                out.text.push('…');
            }
            let end = out.text.len();
            out.text.push('\n');
            out.lines.push(ViewLine {
                real: l,
                orig,
                start,
                range: begin..end,
            });
        }
        out
    }

    /// The view offset of source offset `b`.
    fn map(&self, b: usize) -> usize {
        let l = self.src.line_index(b);
        match self.lines.binary_search_by_key(&l, |v| v.real) {
            Ok(i) => {
                let v = &self.lines[i];
                v.start + b.clamp(v.orig.start, v.orig.end) - v.orig.start
            }
            Err(_) => 0,
        }
    }

    /// The source offset of view offset `b`.
    fn unmap(&self, b: usize) -> usize {
        let i = self.view_line(b);
        let v = &self.lines[i];
        v.orig.start + b.saturating_sub(v.start).min(v.orig.len())
    }

    fn view_line(&self, b: usize) -> usize {
        match self.lines.binary_search_by_key(&b, |v| v.range.start) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

impl<'a> Files<'a> for View<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.src.path())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        if self.lines.is_empty() {
            return Err(FilesError::FileMissing);
        }
        Ok(self.view_line(byte_index))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, FilesError> {
        self.lines
            .get(line_index)
            .map(|v| v.real + 1)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: self.lines.len(),
            })
    }

    fn line_range(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, FilesError> {
        self.lines
            .get(line_index)
            .map(|v| v.range.clone())
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: self.lines.len(),
            })
    }

    fn location(&'a self, (): (), byte_index: usize) -> Result<Location, FilesError> {
        let lc = self.src.line_col(self.unmap(byte_index));
        Ok(Location {
            line_number: lc.line,
            column_number: lc.column,
        })
    }
}

/// The views of one diagnostic: its own file first, then each other file
/// it points into (the other language version of a release), for
/// codespan's multi-file labels.
struct Views<'a>(Vec<View<'a>>);

impl<'a> Views<'a> {
    fn get(&self, id: usize) -> Result<&View<'a>, FilesError> {
        self.0.get(id).ok_or(FilesError::FileMissing)
    }
}

impl<'a> Files<'a> for Views<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, FilesError> {
        self.get(id)?.name(())
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        self.get(id)?.source(())
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        self.get(id)?.line_index((), byte_index)
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, FilesError> {
        self.get(id)?.line_number((), line_index)
    }

    fn line_range(
        &'a self,
        id: usize,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, FilesError> {
        self.get(id)?.line_range((), line_index)
    }

    fn location(&'a self, id: usize, byte_index: usize) -> Result<Location, FilesError> {
        self.get(id)?.location((), byte_index)
    }
}

/// The name of a character a reader cannot see or tell apart (singular,
/// plural), if it is one.
fn invisible_name(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        ' ' => ("space", "spaces"),
        '\u{a0}' => ("no-break space", "no-break spaces"),
        '\u{202f}' => ("narrow no-break space", "narrow no-break spaces"),
        '\u{2009}' => ("thin space", "thin spaces"),
        '\u{200a}' => ("hair space", "hair spaces"),
        '\u{2007}' => ("figure space", "figure spaces"),
        '\t' => ("tab", "tabs"),
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => ("line break", "line breaks"),
        '\u{ad}' => ("soft hyphen", "soft hyphens"),
        '\u{2011}' => ("non-breaking hyphen", "non-breaking hyphens"),
        '\u{200b}' => ("zero-width space", "zero-width spaces"),
        '\u{2060}' => ("word joiner", "word joiners"),
        _ => return None,
    })
}

/// A replacement as a press officer reads it: visible text in quotes,
/// invisible characters by name ("a no-break space", `"«" followed by a
/// no-break space`), never a Rust escape such as `"\u{a0}"`.
pub fn describe(replacement: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut visible = String::new();
    // "\r\n" is one line break.
    let replacement = replacement.replace("\r\n", "\n");
    let mut chars = replacement.chars().peekable();
    while let Some(c) = chars.next() {
        let name =
            invisible_name(c).or_else(|| (c.is_control() || c.is_whitespace()).then_some(("", "")));
        let Some((one, many)) = name else {
            visible.push(c);
            continue;
        };
        if !visible.is_empty() {
            parts.push(format!("\"{}\"", std::mem::take(&mut visible)));
        }
        if one.is_empty() {
            parts.push(format!("the character U+{:04X}", u32::from(c)));
            continue;
        }
        let mut n = 1;
        while chars.peek() == Some(&c) {
            chars.next();
            n += 1;
        }
        parts.push(if n == 1 {
            format!("a {one}")
        } else {
            format!("{n} {many}")
        });
    }
    if !visible.is_empty() {
        parts.push(format!("\"{visible}\""));
    }
    parts.join(" followed by ")
}

/// Builds the codespan diagnostic of one finding, with spans in `views`
/// (file 0 is the diagnostic's own; `related[k]` is in file `files[k]`).
fn build(d: &Diagnostic, views: &Views, files: &[usize]) -> CsDiagnostic<usize> {
    let view = &views.0[0];
    let span = |s: &std::ops::Range<usize>| view.map(s.start)..view.map(s.end);
    let mut labels =
        vec![Label::new(LabelStyle::Primary, 0, span(&d.span)).with_message(d.label.clone())];
    labels.extend(d.labels.iter().map(|l| {
        Label::new(LabelStyle::Secondary, 0, span(&l.span)).with_message(l.message.clone())
    }));
    for (r, &id) in d.related.iter().zip(files) {
        let v = &views.0[id];
        labels.push(
            Label::new(
                LabelStyle::Secondary,
                id,
                v.map(r.span.start)..v.map(r.span.end),
            )
            .with_message(r.message.clone()),
        );
    }
    let mut notes = d.notes.clone();
    if let Some(loc) = view.src.location(d.span.start) {
        notes.insert(
            0,
            match loc {
                crate::extract::Location::Html { line, column, .. } => {
                    format!("in the HTML source: {}:{line}:{column}", view.src.path())
                }
                other => format!("in the document: {other}"),
            },
        );
    }
    if let Some(h) = &d.help {
        notes.push(format!("help: {h}"));
    }
    if let Some(f) = &d.fix {
        notes.push(format!(
            "fix available ({}){}",
            match f.applicability {
                crate::diagnostic::Applicability::Safe => "safe",
                crate::diagnostic::Applicability::Unsafe => "unsafe",
            },
            match f.edits.as_slice() {
                [e] if e.replacement.is_empty() => ": delete".to_string(),
                [e] => format!(": replace with {}", describe(&e.replacement)),
                _ => String::new(),
            }
        ));
    }
    CsDiagnostic::new(severity(d.severity))
        .with_code(d.rule.id)
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// Writes every report to `w`.
pub fn render(w: &mut dyn WriteColor, reports: &[FileReport]) -> std::io::Result<()> {
    let config = term::Config::default();
    for r in reports {
        for d in &r.diagnostics {
            let spans: Vec<std::ops::Range<usize>> = std::iter::once(d.span.clone())
                .chain(d.labels.iter().map(|l| l.span.clone()))
                .collect();
            let mut views = Views(vec![View::new(&r.source, &spans)]);
            // One view per other file, holding all of its related spans.
            let mut files = Vec::with_capacity(d.related.len());
            let mut others: Vec<&std::sync::Arc<Source>> = Vec::new();
            for rel in &d.related {
                let k = match others
                    .iter()
                    .position(|o| std::sync::Arc::ptr_eq(o, &rel.source))
                {
                    Some(k) => k,
                    None => {
                        others.push(&rel.source);
                        others.len() - 1
                    }
                };
                files.push(k + 1);
            }
            for o in &others {
                let spans: Vec<std::ops::Range<usize>> = d
                    .related
                    .iter()
                    .filter(|rel| std::sync::Arc::ptr_eq(&rel.source, o))
                    .map(|rel| rel.span.clone())
                    .collect();
                views.0.push(View::new(o, &spans));
            }
            term::emit(w, &config, &views, &build(d, &views, &files)).map_err(|e| match e {
                codespan_reporting::files::Error::Io(io) => io,
                other => std::io::Error::other(other.to_string()),
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Fix};

    #[test]
    fn replacements_are_named_for_press_officers() {
        assert_eq!(describe("\u{a0}"), "a no-break space");
        assert_eq!(describe("\u{202f}"), "a narrow no-break space");
        assert_eq!(describe(" "), "a space");
        assert_eq!(describe("«\u{a0}"), "\"«\" followed by a no-break space");
        assert_eq!(describe("\u{a0}:"), "a no-break space followed by \":\"");
        assert_eq!(describe("’"), "\"’\"");
        assert_eq!(describe("\r\n\r\n"), "2 line breaks");
        assert_eq!(describe("\u{1}"), "the character U+0001");
    }

    #[test]
    fn fix_notes_read_as_sentences() {
        let text = "Le prix : 10 euros.\n";
        let src = Source::new("r.txt", text);
        let meta = &crate::rules::french_spacing::META;
        let render_one = |d: Diagnostic| {
            let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
            let report = FileReport {
                source: src.clone(),
                diagnostics: vec![d],
            };
            render(&mut out, std::slice::from_ref(&report)).unwrap();
            String::from_utf8(out.into_inner()).unwrap()
        };
        let d = Diagnostic::new(meta, 8..9, "m")
            .with_fix(Fix::safe(vec![Edit::replace(8..9, "\u{a0}")]));
        let out = render_one(d);
        assert!(
            out.contains("fix available (safe): replace with a no-break space"),
            "{out}"
        );
        assert!(!out.contains("\\u{a0}"), "{out}");
        let d = Diagnostic::new(meta, 8..9, "m").with_fix(Fix::safe(vec![Edit::replace(8..9, "")]));
        let out = render_one(d);
        assert!(out.contains("fix available (safe): delete"), "{out}");
        assert!(!out.contains("(safe) :"), "{out}");
    }
}
