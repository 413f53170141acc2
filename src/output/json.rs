//! `--format json`: one array, one object per diagnostic, sorted by path
//! then position. This is a contract scripts rely on; fields are only added.
//! Byte offsets are offsets into the file on disk, also for files that were
//! transcoded from Windows-1252 or UTF-16 or held undecodable bytes; so are
//! the offsets of fix edits (their replacement is text, to be encoded the
//! way the file is). A finding that points into another file too (the
//! other language version of a release, rule `parity`) has a `related`
//! array: `path`, the same position fields and a `message` per location;
//! the key is left out when there is none.

use serde::Serialize;

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::source::{Source, Span};

use super::FileReport;

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
}

impl Position {
    fn of(source: &Source, span: &Span) -> Position {
        let s = source.line_col(span.start);
        let e = source.line_col(span.end);
        Position {
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
            byte_start: source.original_offset(span.start),
            byte_end: source.original_offset(span.end),
        }
    }
}

/// A fix edit with file offsets.
#[derive(Serialize)]
struct JsonEdit<'a> {
    byte_start: usize,
    byte_end: usize,
    replacement: &'a str,
}

/// A fix with file offsets.
#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

impl<'a> JsonFix<'a> {
    fn of(source: &Source, fix: &'a Fix) -> JsonFix<'a> {
        JsonFix {
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|e| JsonEdit {
                    byte_start: source.original_offset(e.byte_start),
                    byte_end: source.original_offset(e.byte_end),
                    replacement: &e.replacement,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonLabel {
    #[serde(flatten)]
    pos: Position,
    message: String,
}

/// A location in another file (the partner language version of a release).
#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    #[serde(flatten)]
    pos: Position,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    #[serde(flatten)]
    pos: Position,
    labels: Vec<JsonLabel>,
    fix: Option<JsonFix<'a>>,
    notes: &'a [String],
    help: Option<&'a str>,
    /// For a .docx/.odt/.html file: the place in the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<crate::extract::Location>,
    /// Only written when there is one (the `parity` rule).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

fn convert<'a>(source: &'a Source, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        path: source.path(),
        rule: d.rule.id,
        severity: d.severity.name(),
        message: &d.message,
        pos: Position::of(source, &d.span),
        labels: d
            .labels
            .iter()
            .map(|l| JsonLabel {
                pos: Position::of(source, &l.span),
                message: l.message.clone(),
            })
            .collect(),
        fix: d.fix.as_ref().map(|f| JsonFix::of(source, f)),
        notes: &d.notes,
        help: d.help.as_deref(),
        location: source.location(d.span.start),
        related: d
            .related
            .iter()
            .map(|r| JsonRelated {
                path: r.source.path(),
                pos: Position::of(&r.source, &r.span),
                message: &r.message,
            })
            .collect(),
    }
}

/// Renders the reports as a pretty JSON array.
pub fn render(reports: &[FileReport]) -> String {
    let mut items: Vec<JsonDiagnostic> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| convert(&r.source, d)))
        .collect();
    items.sort_by(|a, b| {
        (a.path, a.pos.byte_start, a.pos.byte_end, a.rule).cmp(&(
            b.path,
            b.pos.byte_start,
            b.pos.byte_end,
            b.rule,
        ))
    });
    let mut s = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string());
    s.push('\n');
    s
}
