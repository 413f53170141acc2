//! `--format human`: rustc-style reports with the offending spans shown.

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor};

use crate::diagnostic::{Diagnostic, Severity};

use super::FileReport;

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// Builds the codespan diagnostic of one finding.
fn build(d: &Diagnostic) -> CsDiagnostic<()> {
    let mut labels =
        vec![Label::new(LabelStyle::Primary, (), d.span.clone()).with_message(d.label.clone())];
    labels.extend(d.labels.iter().map(|l| {
        Label::new(LabelStyle::Secondary, (), l.span.clone()).with_message(l.message.clone())
    }));
    let mut notes = d.notes.clone();
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
                [e] if e.replacement.is_empty() => " : delete".to_string(),
                [e] => format!(": replace with {:?}", e.replacement),
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
        let file = SimpleFile::new(r.source.path(), r.source.text());
        for d in &r.diagnostics {
            term::emit(w, &config, &file, &build(d)).map_err(|e| match e {
                codespan_reporting::files::Error::Io(io) => io,
                other => std::io::Error::other(other.to_string()),
            })?;
        }
    }
    Ok(())
}
