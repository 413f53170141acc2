//! prlint's findings in the protocol's terms: diagnostics, code actions
//! and hovers.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, DiagnosticRelatedInformation, DiagnosticSeverity, Hover,
    HoverContents, Location, MarkupContent, MarkupKind, NumberOrString, Range, TextEdit, Uri,
    WorkspaceEdit,
};

use prlint::diagnostic::{Applicability, Diagnostic, Severity};

use super::position::LineIndex;

/// The `source` of every diagnostic.
pub const SOURCE: &str = "prlint";

/// A document's findings, linted once and converted once.
pub struct Linted {
    /// The text that was linted.
    pub text: String,
    /// Its line index.
    pub index: LineIndex,
    /// prlint's diagnostics, in position order.
    pub diags: Vec<Diagnostic>,
    /// The same, converted (same order).
    pub lsp: Vec<lsp_types::Diagnostic>,
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

impl Linted {
    /// Converts `diags` of `text` for the document `uri`.
    pub fn new(uri: &Uri, text: String, diags: Vec<Diagnostic>) -> Linted {
        let index = LineIndex::new(&text);
        // Every offset at once: one pass over the text.
        let mut offsets = Vec::new();
        for d in &diags {
            offsets.extend([d.span.start, d.span.end]);
            for l in &d.labels {
                offsets.extend([l.span.start, l.span.end]);
            }
        }
        let pos = index.positions(&text, &offsets);
        let mut k = 0;
        let mut next_range = || {
            let r = Range::new(pos[k], pos[k + 1]);
            k += 2;
            r
        };
        let lsp = diags
            .iter()
            .map(|d| {
                let range = next_range();
                let related: Vec<DiagnosticRelatedInformation> = d
                    .labels
                    .iter()
                    .map(|l| DiagnosticRelatedInformation {
                        location: Location::new(uri.clone(), next_range()),
                        message: l.message.clone(),
                    })
                    .collect();
                let mut message = d.message.clone();
                if let Some(h) = &d.help {
                    message.push_str("\nhelp: ");
                    message.push_str(h);
                }
                lsp_types::Diagnostic {
                    range,
                    severity: Some(severity(d.severity)),
                    code: Some(NumberOrString::String(d.rule.id.to_string())),
                    source: Some(SOURCE.to_string()),
                    message,
                    related_information: (!related.is_empty()).then_some(related),
                    ..Default::default()
                }
            })
            .collect();
        Linted {
            text,
            index,
            diags,
            lsp,
        }
    }

    /// The quick fixes of the findings that touch `range`, then "fix all"
    /// when any safe fix is there.
    pub fn code_actions(&self, uri: &Uri, range: Range) -> Vec<CodeAction> {
        let from = self.index.offset(&self.text, range.start);
        let to = self.index.offset(&self.text, range.end);
        let mut out = Vec::new();
        for (d, lsp) in self.diags.iter().zip(&self.lsp) {
            let Some(fix) = &d.fix else { continue };
            if d.span.start > to || d.span.end < from || fix.edits.is_empty() {
                continue;
            }
            let edits: Vec<TextEdit> = fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: self.index.range(&self.text, &(e.byte_start..e.byte_end)),
                    new_text: e.replacement.clone(),
                })
                .collect();
            let what = match fix.edits.as_slice() {
                [e] if e.replacement.is_empty() => "delete".to_string(),
                [e] => format!(
                    "replace with {}",
                    prlint::output::human::describe(&e.replacement)
                ),
                _ => "apply the fix".to_string(),
            };
            let safe = fix.applicability == Applicability::Safe;
            out.push(CodeAction {
                title: format!(
                    "{}: {what}{}",
                    d.rule.id,
                    if safe {
                        ""
                    } else {
                        " (unsafe: read the result)"
                    }
                ),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp.clone()]),
                edit: Some(workspace_edit(uri, edits)),
                is_preferred: Some(safe),
                ..Default::default()
            });
        }
        let (fixed, n) = prlint::fix::apply_fixes(&self.text, &self.diags, false);
        if n > 0 {
            let end = self.index.position(&self.text, self.text.len());
            out.push(CodeAction {
                title: format!(
                    "prlint: apply every safe fix ({n} {})",
                    if n == 1 { "fix" } else { "fixes" }
                ),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(workspace_edit(
                    uri,
                    vec![TextEdit {
                        range: Range::new(lsp_types::Position::new(0, 0), end),
                        new_text: fixed,
                    }],
                )),
                ..Default::default()
            });
        }
        out
    }

    /// The findings under `pos`, with their rules' explanations.
    pub fn hover(&self, pos: lsp_types::Position) -> Option<Hover> {
        let at = self.index.offset(&self.text, pos);
        let hits: Vec<usize> = (0..self.diags.len())
            .filter(|&i| {
                let s = &self.diags[i].span;
                s.start <= at && (at < s.end || at == s.start)
            })
            .collect();
        let first = *hits.first()?;
        let mut md = String::new();
        let mut explained: Vec<&str> = Vec::new();
        for &i in &hits {
            let d = &self.diags[i];
            md.push_str(&format!(
                "**{}** `{}`: {}\n\n",
                d.severity.name(),
                d.rule.id,
                d.message
            ));
            if let Some(h) = &d.help {
                md.push_str(&format!("help: {h}\n\n"));
            }
        }
        for &i in &hits {
            let m = self.diags[i].rule;
            if explained.contains(&m.id) {
                continue;
            }
            explained.push(m.id);
            md.push_str(&format!(
                "---\n\n### {}\n\n{}\n\n{}\n",
                m.id,
                m.summary,
                m.explanation.trim_end()
            ));
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: md,
            }),
            range: Some(self.lsp[first].range),
        })
    }
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

/// A diagnostic at the top of the document (a config that cannot be read).
pub fn at_top(code: &str, message: String) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(code.to_string())),
        source: Some(SOURCE.to_string()),
        message,
        ..Default::default()
    }
}
