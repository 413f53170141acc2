//! Report formats. Only `human` knows codespan-reporting; the others
//! serialise [`Diagnostic`]s directly.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod short;
pub mod stats;

use crate::diagnostic::Diagnostic;
use crate::source::Source;

/// The diagnostics of one file.
#[derive(Debug)]
pub struct FileReport {
    /// The file as read.
    pub source: Source,
    /// Its diagnostics, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Every diagnostic with its source, sorted by path, then position, then
/// rule (the order every format uses).
pub fn sorted(reports: &[FileReport]) -> Vec<(&Source, &Diagnostic)> {
    let mut v: Vec<(&Source, &Diagnostic)> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| (&r.source, d)))
        .collect();
    v.sort_by(|a, b| {
        (a.0.path(), a.1.span.start, a.1.span.end, a.1.rule.id).cmp(&(
            b.0.path(),
            b.1.span.start,
            b.1.span.end,
            b.1.rule.id,
        ))
    });
    v
}

/// `1 file`, `2 files`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
