//! Applying fixes: non-overlapping edits, repeated until stable.

use std::collections::BTreeMap;

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// Applies the fixes of `diagnostics` allowed by `unsafe_fixes` to `text`.
///
/// Fixes are taken in order of position; a fix whose edits overlap an
/// already accepted one is skipped (it waits for the next pass). Returns the
/// new text and the number of fixes applied.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], unsafe_fixes: bool) -> (String, usize) {
    let (out, rules) = apply_fixes_by_rule(text, diagnostics, unsafe_fixes);
    (out, rules.len())
}

/// Like [`apply_fixes`], returning the rule id of each fix applied.
pub fn apply_fixes_by_rule(
    text: &str,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
) -> (String, Vec<&'static str>) {
    let mut fixes: Vec<(&Vec<Edit>, &'static str)> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (f, d.rule.id)))
        .filter(|(f, _)| unsafe_fixes || f.applicability == Applicability::Safe)
        .filter(|(f, _)| !f.edits.is_empty())
        .map(|(f, id)| (&f.edits, id))
        .collect();
    fixes.sort_by_key(|(e, _)| (e[0].byte_start, e[0].byte_end));
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    for (edits, id) in fixes {
        let valid = edits.iter().all(|e| {
            e.byte_start <= e.byte_end
                && e.byte_end <= text.len()
                && text.is_char_boundary(e.byte_start)
                && text.is_char_boundary(e.byte_end)
        });
        let overlaps = edits.iter().any(|e| {
            accepted.iter().any(|a| {
                e.byte_start < a.byte_end && a.byte_start < e.byte_end
                    || (e.byte_start == a.byte_start
                        && (e.byte_start == e.byte_end || a.byte_start == a.byte_end))
            })
        });
        if valid && !overlaps {
            accepted.extend(edits.iter());
            applied.push(id);
        }
    }
    accepted.sort_by_key(|e| (e.byte_start, e.byte_end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in accepted {
        out.push_str(&text[pos..e.byte_start]);
        out.push_str(&e.replacement);
        pos = e.byte_end;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// Passes after which fixing stops even if fixes keep coming.
pub const MAX_PASSES: usize = 10;

/// What the fix loop did to one text.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed text.
    pub text: String,
    /// Fixes applied, per rule id.
    pub fixed: BTreeMap<&'static str, usize>,
    /// Passes that changed something.
    pub passes: usize,
    /// False when [`MAX_PASSES`] was reached with fixes still applying.
    pub converged: bool,
}

impl FixOutcome {
    /// Total fixes applied.
    pub fn total(&self) -> usize {
        self.fixed.values().sum()
    }
}

/// Lints, applies the non-overlapping fixes, and repeats on the new text
/// until no fix applies (or [`MAX_PASSES`]); `lint` must return the
/// diagnostics of a text. The caller lints the result once more for its
/// report.
pub fn fix_until_stable(
    text: &str,
    unsafe_fixes: bool,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> FixOutcome {
    let mut current = text.to_string();
    let mut fixed: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut passes = 0;
    let mut converged = false;
    for _ in 0..MAX_PASSES {
        let diags = lint(&current);
        let (next, rules) = apply_fixes_by_rule(&current, &diags, unsafe_fixes);
        if rules.is_empty() || next == current {
            converged = true;
            break;
        }
        for r in rules {
            *fixed.entry(r).or_default() += 1;
        }
        passes += 1;
        current = next;
    }
    if !converged {
        // Did the last pass leave nothing to do?
        let diags = lint(&current);
        converged = apply_fixes_by_rule(&current, &diags, unsafe_fixes)
            .1
            .is_empty();
    }
    FixOutcome {
        text: current,
        fixed,
        passes,
        converged,
    }
}

/// The result of fixing one file's bytes: see [`fix_file`].
#[derive(Debug, Clone)]
pub struct FileFix {
    /// What the fix loop did.
    pub outcome: FixOutcome,
    /// The new file content in the file's own encoding (BOM included), or
    /// `None` when nothing changed.
    pub bytes: Option<Vec<u8>>,
}

/// Fixes a decoded file and encodes the result the way the file was
/// encoded, refusing (with a one-line reason) when that would damage it:
///
/// - the file was decoded lossily (undecodable bytes would be rewritten);
/// - the fix loop does not settle within [`MAX_PASSES`];
/// - the fixed bytes would not be read back, with the same detection (or
///   the same `forced` encoding), as the same encoding and text.
///
/// `lint` returns the diagnostics of a decoded text.
pub fn fix_file(
    decoded: &crate::load::Decoded,
    forced: Option<&'static encoding_rs::Encoding>,
    unsafe_fixes: bool,
    mut lint: impl FnMut(crate::load::Decoded) -> Vec<Diagnostic>,
) -> Result<FileFix, String> {
    use crate::load::{decode, encode, Decoded};
    if decoded.is_lossy() {
        return Err(format!(
            "not fixed: {} not valid {} (see the `encoding` diagnostics); re-save the file in one encoding first",
            if decoded.replaced.len() == 1 {
                "1 byte sequence is".to_string()
            } else {
                format!("{} byte sequences are", decoded.replaced.len())
            },
            decoded.encoding.name()
        ));
    }
    let (encoding, bom_len) = (decoded.encoding, decoded.bom_len);
    let outcome = fix_until_stable(&decoded.text, unsafe_fixes, |t| {
        lint(Decoded::clean(t.to_string(), encoding, bom_len))
    });
    if !outcome.converged {
        let rules: Vec<&str> = outcome.fixed.keys().copied().collect();
        return Err(format!(
            "not fixed: fixes still applied after {MAX_PASSES} passes, they keep undoing each other ({})",
            rules.join(", ")
        ));
    }
    if outcome.text == decoded.text {
        return Ok(FileFix {
            outcome,
            bytes: None,
        });
    }
    let bytes = encode(&outcome.text, encoding, bom_len);
    let stable = decode(&bytes, forced).is_ok_and(|back| {
        back.encoding == encoding && back.bom_len == bom_len && back.text == outcome.text
    });
    if !stable {
        return Err(format!(
            "not fixed: the fixed text would not read back the same as {} (pass --encoding to fix it)",
            encoding.name()
        ));
    }
    Ok(FileFix {
        outcome,
        bytes: Some(bytes),
    })
}

/// A unified diff (3 lines of context) from `old` to `new`, with
/// `a/PATH` / `b/PATH` headers; empty when the texts are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_lines(old, new);
    let mut out = diff
        .unified_diff()
        .context_radius(3)
        .missing_newline_hint(true)
        .header(&format!("a/{}", clean(path)), &format!("b/{}", clean(path)))
        .to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// A display path without a leading `./`, `/`-separated.
fn clean(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.strip_prefix("./").map(str::to_string).unwrap_or(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;
    use crate::rules::whitespace::META;

    fn lint(text: &str) -> Vec<Diagnostic> {
        // A toy rule: every "  " becomes " " (overlapping runs need passes).
        let mut v = Vec::new();
        let mut i = 0;
        while let Some(p) = text[i..].find("  ") {
            let s = i + p;
            v.push(
                Diagnostic::new(&META, s..s + 2, "m")
                    .with_fix(Fix::safe(vec![Edit::replace(s..s + 2, " ")])),
            );
            i = s + 1;
        }
        v
    }

    #[test]
    fn loop_converges_over_overlapping_fixes() {
        let out = fix_until_stable("a     b", false, lint);
        assert_eq!(out.text, "a b");
        assert!(out.converged);
        assert!(out.passes >= 2, "{}", out.passes);
        assert_eq!(out.fixed.get("whitespace"), Some(&4));
    }

    #[test]
    fn unsafe_fixes_wait_for_the_flag() {
        let d = vec![
            Diagnostic::new(&META, 0..1, "m").with_fix(Fix::unsafe_(vec![Edit::delete(0..1)]))
        ];
        assert_eq!(apply_fixes("ab", &d, false).0, "ab");
        assert_eq!(apply_fixes("ab", &d, true).0, "b");
    }

    #[test]
    fn diff_has_headers_and_keeps_crlf() {
        let d = unified_diff("x.txt", "a\r\nb \r\nc\r\n", "a\r\nb\r\nc\r\n");
        assert!(
            d.starts_with("--- a/x.txt\n+++ b/x.txt\n@@ -1,3 +1,3 @@"),
            "{d}"
        );
        assert!(d.contains("-b \r\n+b\r\n"), "{d:?}");
    }
}
