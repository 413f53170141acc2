//! Report formats. Only `human` knows codespan-reporting; the others
//! serialise [`Diagnostic`]s directly.

pub mod human;
pub mod json;

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
