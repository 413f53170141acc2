//! `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps,
//! VS Code's SARIF viewer). One run; the driver lists every rule prlint knows
//! (id, short and full description, help text, default level); each result
//! carries its region (lines, columns in Unicode code points, byte offsets
//! into the file on disk, `charOffset` in code points after any BOM),
//! secondary labels and locations in other files (the other language
//! version of a release, rule `parity`) as related locations, a partial
//! fingerprint (the one the baseline uses) and its fix when there is one.

use serde_json::{json, Value};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::rule::RuleMeta;
use crate::source::{Source, Span};

use super::FileReport;

/// The schema URI written in `$schema`.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: `/` separators, `./` dropped, and
/// every byte outside the unreserved set percent-encoded.
pub fn path_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `repeated-word` → `RepeatedWord`.
fn pascal(id: &str) -> String {
    id.split(['-', '/', '_'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The "What it does" section of an explanation, as plain text.
fn what_it_does(explanation: &str) -> String {
    let body = explanation
        .split("## What it does")
        .nth(1)
        .unwrap_or(explanation);
    let body = body.split("\n## ").next().unwrap_or(body);
    crate::rules::normalize_ws(body, false)
}

fn descriptor(m: &RuleMeta) -> Value {
    let mut tags = vec!["press-release".to_string()];
    tags.extend(m.languages.iter().map(|l| format!("lang:{l}")));
    json!({
        "id": m.id,
        "name": pascal(m.id),
        "shortDescription": { "text": m.summary },
        "fullDescription": { "text": what_it_does(m.explanation) },
        "help": {
            "text": format!("{}\n\n{}", m.summary, m.explanation),
            "markdown": format!("**{}**\n\n{}", m.summary, m.explanation),
        },
        "defaultConfiguration": {
            "level": level(m.default_severity),
            "enabled": m.default_enabled,
        },
        "properties": { "tags": tags, "fixable": m.fixable },
    })
}

fn region(source: &Source, span: &Span) -> Value {
    let s = source.line_col(span.start);
    let e = source.line_col(span.end);
    let mut r = json!({
        "startLine": s.line,
        "startColumn": s.column,
        "endLine": e.line,
        "endColumn": e.column,
        "byteOffset": source.original_offset(span.start),
        "byteLength": source.original_offset(span.end) - source.original_offset(span.start),
        "charOffset": source.char_offset(span.start),
        "charLength": source.char_offset(span.end) - source.char_offset(span.start),
    });
    if let Some(text) = source.text().get(span.clone()) {
        if !text.is_empty() && text.len() <= 500 {
            r["snippet"] = json!({ "text": text });
        }
    }
    r
}

fn location(source: &Source, span: &Span) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": path_uri(source.path()) },
            "region": region(source, span),
        }
    })
}

fn result(source: &Source, d: &Diagnostic, rule_index: usize) -> Value {
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str(&format!(" (help: {h})"));
    }
    let mut r = json!({
        "ruleId": d.rule.id,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [location(source, &d.span)],
        "partialFingerprints": {
            "prlintFingerprint/v1": crate::baseline::fingerprint(source, d),
        },
    });
    if !d.labels.is_empty() || !d.related.is_empty() {
        let own = d.labels.iter().map(|l| (source, &l.span, &l.message));
        let other = d
            .related
            .iter()
            .map(|r| (r.source.as_ref(), &r.span, &r.message));
        r["relatedLocations"] = Value::Array(
            own.chain(other)
                .enumerate()
                .map(|(i, (src, span, message))| {
                    let mut loc = location(src, span);
                    loc["id"] = json!(i + 1);
                    loc["message"] = json!({ "text": message });
                    loc
                })
                .collect(),
        );
    }
    if let Some(f) = &d.fix {
        if !f.edits.is_empty() {
            let kind = match f.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            };
            r["fixes"] = json!([{
                "description": { "text": format!("{kind} fix for {}", d.rule.id) },
                "artifactChanges": [{
                    "artifactLocation": { "uri": path_uri(source.path()) },
                    "replacements": f.edits.iter().map(|e| json!({
                        "deletedRegion": {
                            "byteOffset": source.original_offset(e.byte_start),
                            "byteLength": source.original_offset(e.byte_end)
                                - source.original_offset(e.byte_start),
                        },
                        "insertedContent": { "text": e.replacement },
                    })).collect::<Vec<_>>(),
                }],
            }]);
        }
    }
    r
}

/// Renders the reports as one SARIF log. `errors` are files that could not
/// be checked (reported as tool notifications; the run is then marked
/// unsuccessful).
pub fn render(reports: &[FileReport], errors: &[String]) -> String {
    let mut metas: Vec<&'static RuleMeta> =
        crate::rule::registry().iter().map(|e| e.meta).collect();
    for (_, d) in super::sorted(reports) {
        if !metas.iter().any(|m| m.id == d.rule.id) {
            metas.push(d.rule);
        }
    }
    let results: Vec<Value> = super::sorted(reports)
        .into_iter()
        .map(|(source, d)| {
            let idx = metas.iter().position(|m| m.id == d.rule.id).unwrap_or(0);
            result(source, d, idx)
        })
        .collect();
    let notifications: Vec<Value> = errors
        .iter()
        .map(|e| json!({ "level": "error", "message": { "text": e } }))
        .collect();
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "prlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": metas.iter().map(|m| descriptor(m)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(path_uri("./a b/é.txt"), "a%20b/%C3%A9.txt");
        assert_eq!(path_uri("<stdin>"), "%3Cstdin%3E");
    }

    #[test]
    fn names_and_descriptions() {
        assert_eq!(pascal("repeated-word"), "RepeatedWord");
        let d = what_it_does(crate::rules::whitespace::META.explanation);
        assert!(d.starts_with("Reports:"), "{d}");
        assert!(!d.contains("## "), "{d}");
    }
}
