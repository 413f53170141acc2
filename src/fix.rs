//! Applying fixes: non-overlapping edits, repeated until stable.

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// Applies the fixes of `diagnostics` allowed by `unsafe_fixes` to `text`.
///
/// Fixes are taken in order of position; a fix whose edits overlap an
/// already accepted one is skipped (it waits for the next pass). Returns the
/// new text and the number of fixes applied.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], unsafe_fixes: bool) -> (String, usize) {
    let mut fixes: Vec<&Vec<Edit>> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| unsafe_fixes || f.applicability == Applicability::Safe)
        .filter(|f| !f.edits.is_empty())
        .map(|f| &f.edits)
        .collect();
    fixes.sort_by_key(|e| (e[0].byte_start, e[0].byte_end));
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
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
            applied += 1;
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
