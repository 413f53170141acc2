//! Suppression comments in Markdown releases:
//!
//! ```markdown
//! <!-- prlint-disable-next-line repeated-word -->
//! <!-- prlint-disable whitespace, repeated-word -->
//! …
//! <!-- prlint-enable whitespace -->
//! ```
//!
//! Without a rule id a comment covers every rule. An unknown rule id is a
//! warning; a suppression that suppresses nothing is reported when asked
//! (`--report-unused-suppressions`). Plain-text releases have no comment
//! syntax (anything in them would be published), so only Markdown counts.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::RuleMeta;
use crate::source::{Source, Span};

/// The pseudo-rule under which problems with suppression comments are
/// reported.
pub static META: RuleMeta = RuleMeta {
    id: "suppression",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "A suppression comment names an unknown rule or suppresses nothing",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Checks the `<!-- prlint-disable… -->` comments of Markdown releases: a rule
id that prlint does not know is reported (a typo silences nothing), and with
`--report-unused-suppressions` a comment that suppressed no diagnostic is
reported so it can be removed.

## Why it matters
Stale suppressions hide the next real defect at the same place.

## Example
    <!-- prlint-disable-next-line repeated-wrod -->

## Options
None.

## Fix safety
No fix.
"#,
};

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex_cache::regex(r"<!--\s*prlint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->")
        .expect("valid regex")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
}

/// One rule (or every rule, `None`) named by one comment.
#[derive(Debug)]
struct Target {
    rule: Option<String>,
    /// The comment's span, for reports.
    at: Span,
    /// The byte range it covers.
    range: Span,
    used: bool,
}

/// The suppressions of one file.
#[derive(Debug, Default)]
pub struct Suppressions {
    targets: Vec<Target>,
    problems: Vec<Diagnostic>,
}

impl Suppressions {
    /// Reads the comments of `source` (only when `markdown`). `known` are
    /// the rule ids prlint knows.
    pub fn parse(source: &Source, markdown: bool, known: &[&str]) -> Suppressions {
        let mut s = Suppressions::default();
        if !markdown {
            return s;
        }
        let text = source.text();
        // Open `disable` ranges: rule → (comment span, start of range).
        let mut open: Vec<(Option<String>, Span, usize)> = Vec::new();
        for m in DIRECTIVE.captures_iter(text) {
            let (Some(all), Some(kind), Some(args)) = (m.get(0), m.get(1), m.get(2)) else {
                continue;
            };
            let kind = match kind.as_str() {
                "disable-next-line" => Kind::NextLine,
                "disable" => Kind::Disable,
                _ => Kind::Enable,
            };
            let at = all.range();
            let mut rules: Vec<Option<String>> = Vec::new();
            for id in args
                .as_str()
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|w| !w.is_empty())
            {
                if id.starts_with("--") {
                    break; // `-- reason` ends the list
                }
                if known.contains(&id) {
                    rules.push(Some(id.to_string()));
                } else {
                    let hint = crate::rule::closest(id, known.iter().copied())
                        .map(|h| format!(" (did you mean `{h}`?)"))
                        .unwrap_or_default();
                    s.problems.push(
                        Diagnostic::new(
                            &META,
                            at.clone(),
                            format!("unknown rule `{id}` in a suppression comment{hint}"),
                        )
                        .with_label("this comment silences nothing for it"),
                    );
                }
            }
            if rules.is_empty() {
                if args.as_str().trim().is_empty() || args.as_str().trim().starts_with("--") {
                    rules.push(None);
                } else {
                    continue; // only unknown ids
                }
            }
            match kind {
                Kind::NextLine => {
                    let line = source.line_index(at.end);
                    let range = if line + 1 < source.line_count() {
                        source.line_span_with_eol(line + 1)
                    } else {
                        at.end..at.end
                    };
                    for rule in rules {
                        s.targets.push(Target {
                            rule,
                            at: at.clone(),
                            range: range.clone(),
                            used: false,
                        });
                    }
                }
                Kind::Disable => {
                    for rule in rules {
                        open.push((rule, at.clone(), at.end));
                    }
                }
                Kind::Enable => {
                    for rule in rules {
                        // `enable` without ids closes everything open.
                        let mut i = 0;
                        while i < open.len() {
                            if rule.is_none() || open[i].0 == rule {
                                let (r, a, start) = open.remove(i);
                                s.targets.push(Target {
                                    rule: r,
                                    at: a,
                                    range: start..at.start,
                                    used: false,
                                });
                            } else {
                                i += 1;
                            }
                        }
                    }
                }
            }
        }
        for (rule, at, start) in open {
            s.targets.push(Target {
                rule,
                at,
                range: start..text.len(),
                used: false,
            });
        }
        s
    }

    /// Whether a comment covers `d` (for findings added after the file's
    /// own check: the `parity` comparison of two language versions).
    pub fn covers(&self, d: &Diagnostic) -> bool {
        self.targets.iter().any(|t| {
            t.rule.as_deref().is_none_or(|r| r == d.rule.id) && t.range.contains(&d.span.start)
        })
    }

    /// Drops the diagnostics a comment covers (by the start of their span),
    /// then appends the problems found in the comments themselves and, when
    /// `report_unused`, one warning per suppression that covered nothing
    /// among the rules in `active` (a rule that did not run this time is not
    /// held against its comment).
    pub fn apply(
        mut self,
        diagnostics: Vec<Diagnostic>,
        report_unused: bool,
        active: &[&str],
    ) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
        for d in diagnostics {
            let mut hit = false;
            for t in &mut self.targets {
                let rule_ok = t.rule.as_deref().is_none_or(|r| r == d.rule.id);
                if rule_ok && t.range.contains(&d.span.start) {
                    t.used = true;
                    hit = true;
                }
            }
            if !hit {
                out.push(d);
            }
        }
        out.append(&mut self.problems);
        if report_unused {
            for t in self.targets.iter().filter(|t| !t.used) {
                let counts = t.rule.as_deref().is_none_or(|r| active.contains(&r));
                if counts {
                    let what = t
                        .rule
                        .as_deref()
                        .map(|r| format!("`{r}`"))
                        .unwrap_or_else(|| "every rule".to_string());
                    out.push(
                        Diagnostic::new(
                            &META,
                            t.at.clone(),
                            format!("unused suppression of {what}"),
                        )
                        .with_label("no diagnostic is suppressed here")
                        .with_help("remove the comment"),
                    );
                }
            }
        }
        crate::linter::sort(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{repeated_word, whitespace};

    const KNOWN: &[&str] = &["repeated-word", "whitespace"];

    fn at(text: &str, needle: &str, meta: &'static RuleMeta) -> Diagnostic {
        let s = text.find(needle).unwrap();
        Diagnostic::new(meta, s..s + needle.len(), "m")
    }

    fn run(text: &str, diags: Vec<Diagnostic>, unused: bool) -> Vec<String> {
        let src = Source::new("a.md", text);
        Suppressions::parse(&src, true, KNOWN)
            .apply(diags, unused, KNOWN)
            .iter()
            .map(|d| format!("{}@{}", d.rule.id, d.span.start))
            .collect()
    }

    #[test]
    fn next_line() {
        let t = "<!-- prlint-disable-next-line repeated-word -->\nle le A\nle le B\n";
        let d = vec![
            at(t, "le le A", &repeated_word::META),
            at(t, "le le B", &repeated_word::META),
        ];
        assert_eq!(
            run(t, d, false),
            vec![format!("repeated-word@{}", t.find("le le B").unwrap())]
        );
    }

    #[test]
    fn ranges_and_all_rules() {
        let t = "<!-- prlint-disable whitespace -->\nx  A\n<!-- prlint-enable whitespace -->\nx  B\n<!-- prlint-disable -->\nle le\n";
        let d = vec![
            at(t, "  A", &whitespace::META),
            at(t, "  B", &whitespace::META),
            at(t, "le le", &repeated_word::META),
        ];
        assert_eq!(
            run(t, d, false),
            vec![format!("whitespace@{}", t.find("  B").unwrap())]
        );
    }

    #[test]
    fn unknown_and_unused() {
        let t = "<!-- prlint-disable-next-line repeated-wrod -->\nok\n<!-- prlint-disable-next-line whitespace -->\nok\n";
        let out = run(t, vec![], true);
        assert_eq!(out.len(), 2, "{out:?}");
        let src = Source::new("a.md", t);
        let d = Suppressions::parse(&src, true, KNOWN).apply(vec![], false, KNOWN);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("did you mean `repeated-word`"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn plain_text_ignores_comments() {
        let t = "<!-- prlint-disable -->\nle le\n";
        let src = Source::new("a.txt", t);
        let d = Suppressions::parse(&src, false, KNOWN).apply(
            vec![at(t, "le le", &repeated_word::META)],
            true,
            KNOWN,
        );
        assert_eq!(d.len(), 1);
    }
}
