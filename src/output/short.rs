//! `--format short`: `path:line:col: severity[rule] message`, one per line,
//! for editors (quickfix lists) and grep.

use super::{sorted, FileReport};

/// Renders one line per diagnostic, sorted by path then position.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for (source, d) in sorted(reports) {
        let at = source.line_col(d.span.start);
        // A location in another file (the other language version) follows
        // in brackets, so the line stays one finding.
        let see: String = d
            .related
            .iter()
            .map(|r| {
                let at = r.source.line_col(r.span.start);
                format!(" (see {}:{}:{})", r.source.path(), at.line, at.column)
            })
            .collect();
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}{see}\n",
            source.path(),
            at.line,
            at.column,
            d.severity.name(),
            d.rule.id,
            one_line(&d.message)
        ));
    }
    out
}

/// A message on one line: line breaks become spaces.
pub fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::source::Source;

    #[test]
    fn one_line_per_diagnostic() {
        let src = Source::new("a.txt", "ab\r\nc\u{e9}d  e\n");
        let d = Diagnostic::new(&crate::rules::whitespace::META, 8..10, "doubled\nspace");
        let out = render(&[FileReport {
            source: src,
            diagnostics: vec![d],
        }]);
        assert_eq!(out, "a.txt:2:4: warning[whitespace] doubled space\n");
    }
}
