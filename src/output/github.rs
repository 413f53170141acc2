//! `--format github`: GitHub Actions workflow commands, one per diagnostic,
//! then one plain summary line per rule (a step shows only the first ten
//! annotations of each level, so the totals must be readable in the log).

use std::collections::BTreeMap;

use crate::diagnostic::Severity;

use super::{sorted, FileReport};

/// Escapes a workflow command's message (`%`, CR, LF).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (data escapes plus `:` and `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Renders the annotations and the per-rule summary.
///
/// `col` and `endColumn` are given only when the span lies on one line
/// (GitHub ignores them otherwise); `endColumn` is the column of the last
/// character, inclusive.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    let mut per_rule: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for (source, d) in sorted(reports) {
        let start = source.line_col(d.span.start);
        let end = source.line_col(d.span.end);
        let mut props = vec![
            format!("file={}", escape_property(source.path())),
            format!("line={}", start.line),
        ];
        if start.line == end.line {
            props.push(format!("col={}", start.column));
            props.push(format!("endLine={}", end.line));
            props.push(format!(
                "endColumn={}",
                end.column.saturating_sub(1).max(start.column)
            ));
        } else {
            // The span ends at the start of a line: the last character is on
            // the line before.
            let last = if end.column == 1 {
                end.line - 1
            } else {
                end.line
            };
            props.push(format!("endLine={}", last.max(start.line)));
        }
        props.push(format!("title={}", escape_property(d.rule.id)));
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str(&format!("\nhelp: {h}"));
        }
        for r in &d.related {
            let at = r.source.line_col(r.span.start);
            message.push_str(&format!(
                "\nsee {}:{}:{}: {}",
                r.source.path(),
                at.line,
                at.column,
                r.message
            ));
        }
        out.push_str(&format!(
            "::{} {}::{}\n",
            command(d.severity),
            props.join(","),
            escape_data(&message)
        ));
        let counts = per_rule.entry(d.rule.id).or_default();
        counts[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    let total: usize = per_rule.values().flatten().sum();
    if total == 0 {
        out.push_str(&format!(
            "prlint: {} checked, no problems found\n",
            super::plural(reports.len(), "file", "files")
        ));
        return out;
    }
    let files = reports.iter().filter(|r| !r.diagnostics.is_empty()).count();
    let parts: Vec<String> = per_rule
        .iter()
        .map(|(rule, c)| {
            let mut kinds = Vec::new();
            for (n, one, many) in [
                (c[0], "error", "errors"),
                (c[1], "warning", "warnings"),
                (c[2], "info", "infos"),
            ] {
                if n > 0 {
                    kinds.push(super::plural(n, one, many));
                }
            }
            format!("{rule}: {}", kinds.join(", "))
        })
        .collect();
    out.push_str(&format!(
        "prlint: {} in {} — {}\n",
        super::plural(total, "problem", "problems"),
        super::plural(files, "file", "files"),
        parts.join("; ")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::source::Source;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
    }

    #[test]
    fn single_and_multi_line_spans() {
        let text = "un  deux\ntrois\nquatre\n";
        let src = Source::new("dir,x/a:b.txt", text);
        let one = Diagnostic::new(&crate::rules::whitespace::META, 2..4, "doubled space");
        let two = Diagnostic::new(&crate::rules::repeated_word::META, 3..15, "a\nb");
        let out = render(&[FileReport {
            source: src,
            diagnostics: vec![one, two],
        }]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "::warning file=dir%2Cx/a%3Ab.txt,line=1,col=3,endLine=1,endColumn=4,title=whitespace::doubled space"
        );
        assert_eq!(
            lines[1],
            "::error file=dir%2Cx/a%3Ab.txt,line=1,endLine=2,title=repeated-word::a%0Ab"
        );
        assert_eq!(
            lines[2],
            "prlint: 2 problems in 1 file — repeated-word: 1 error; whitespace: 1 warning"
        );
    }
}
