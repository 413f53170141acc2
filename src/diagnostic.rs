//! Diagnostics: what a rule reports, with byte spans into the source.

use crate::rule::RuleMeta;
use crate::source::{Source, Span};

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A hint; never fails a run unless asked.
    Info,
    /// Worth fixing; fails a run with `--deny warnings`.
    Warning,
    /// A reader of the published release would notice; fails the run.
    Error,
}

impl Severity {
    /// The lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses "error", "warning" or "info".
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "note" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// A secondary label: context for the primary span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Byte span in the source.
    pub span: Span,
    /// What the span shows ("first occurrence here").
    pub message: String,
}

/// A location in another file that a finding points at too: the same
/// figure in the other language version of a release ([`crate::parity`]).
#[derive(Debug, Clone)]
pub struct Related {
    /// The other file, as read (its path and text, for line, column and
    /// the snippet shown).
    pub source: std::sync::Arc<Source>,
    /// Byte span in that file's text.
    pub span: Span,
    /// What the span shows ("3 400 in the nl version").
    pub message: String,
}

/// Whether a fix can be applied without a human reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Applied by `--fix`.
    Safe,
    /// Applied only with `--unsafe-fixes`.
    Unsafe,
}

/// One replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Edit {
    /// Start of the replaced range.
    pub byte_start: usize,
    /// End of the replaced range (exclusive).
    pub byte_end: usize,
    /// The new text.
    pub replacement: String,
}

impl Edit {
    /// Replaces `span` with `replacement`.
    pub fn replace(span: Span, replacement: impl Into<String>) -> Edit {
        Edit {
            byte_start: span.start,
            byte_end: span.end,
            replacement: replacement.into(),
        }
    }

    /// Deletes `span`.
    pub fn delete(span: Span) -> Edit {
        Edit::replace(span, "")
    }
}

/// A set of non-overlapping edits that fixes one diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fix {
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// The edits, sorted by position.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A safe fix.
    pub fn safe(mut edits: Vec<Edit>) -> Fix {
        edits.sort_by_key(|e| (e.byte_start, e.byte_end));
        Fix {
            applicability: Applicability::Safe,
            edits,
        }
    }

    /// An unsafe fix.
    pub fn unsafe_(mut edits: Vec<Edit>) -> Fix {
        edits.sort_by_key(|e| (e.byte_start, e.byte_end));
        Fix {
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

/// A finding of one rule.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: &'static RuleMeta,
    /// Severity after configuration.
    pub severity: Severity,
    /// One-sentence message.
    pub message: String,
    /// The offending span.
    pub span: Span,
    /// The primary label's text (may be empty).
    pub label: String,
    /// Secondary labels.
    pub labels: Vec<Label>,
    /// Locations in other files (empty for every single-file rule).
    pub related: Vec<Related>,
    /// Notes (counts, confidence).
    pub notes: Vec<String>,
    /// A suggestion in words.
    pub help: Option<String>,
    /// A machine-applicable fix.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic of `rule` at its default severity.
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.default_severity,
            message: message.into(),
            span,
            label: String::new(),
            labels: Vec::new(),
            related: Vec::new(),
            notes: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Sets the primary label.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a location in another file.
    pub fn with_related(
        mut self,
        source: std::sync::Arc<Source>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            source,
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// The rule id.
    pub fn rule_id(&self) -> &'static str {
        self.rule.id
    }
}
