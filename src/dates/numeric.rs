//! Numeric dates ("12/03/2026", "12.3.2026", "2026-03-12"), found by a byte
//! scan with exactly the semantics of the regex it replaces (kept in the
//! tests as the reference, compared on cases and by a property test):
//!
//! ```text
//! (?-u:\b)(?:([0-9]{1,2})([./])([0-9]{1,2})[./]((?:19|20)[0-9][0-9])|((?:19|20)[0-9][0-9])-([0-9][0-9])-([0-9][0-9]))(?-u:\b)
//! ```
//!
//! searched with `captures_iter` (leftmost-first, greedy, ASCII word
//! boundaries). No regex to compile on a release that holds a year.

use std::ops::Range;

/// One match: the whole span and the regex's groups 1 to 7 (index 0 unused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumericDate {
    pub span: Range<usize>,
    pub groups: [Option<Range<usize>>; 8],
}

impl NumericDate {
    /// Group `i` (0: the whole match), as `Captures::get` gives it.
    pub fn get(&self, i: usize) -> Option<Range<usize>> {
        if i == 0 {
            Some(self.span.clone())
        } else {
            self.groups.get(i).cloned().flatten()
        }
    }
}

/// `(?-u:\w)`.
fn word(b: Option<&u8>) -> bool {
    b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

fn digits(b: &[u8], at: usize, n: usize) -> bool {
    b.get(at..at + n)
        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
}

/// `(?:19|20)[0-9][0-9]` at `at`.
fn year(b: &[u8], at: usize) -> bool {
    matches!(b.get(at..at + 2), Some(b"19" | b"20")) && digits(b, at + 2, 2)
}

/// `(?-u:\b)` at `at`.
fn boundary(b: &[u8], at: usize) -> bool {
    word(at.checked_sub(1).and_then(|i| b.get(i))) != word(b.get(at))
}

/// The match starting at `p`, if any.
fn at(b: &[u8], p: usize) -> Option<NumericDate> {
    if !boundary(b, p) {
        return None;
    }
    let sep = |i: usize| matches!(b.get(i), Some(b'.' | b'/'));
    for l1 in [2, 1] {
        if !digits(b, p, l1) || !sep(p + l1) {
            continue;
        }
        let q = p + l1 + 1;
        for l3 in [2, 1] {
            let r = q + l3;
            if digits(b, q, l3) && sep(r) && year(b, r + 1) && boundary(b, r + 5) {
                let mut groups: [Option<Range<usize>>; 8] = Default::default();
                groups[1] = Some(p..p + l1);
                groups[2] = Some(p + l1..q);
                groups[3] = Some(q..r);
                groups[4] = Some(r + 1..r + 5);
                return Some(NumericDate {
                    span: p..r + 5,
                    groups,
                });
            }
        }
    }
    let dash = |i: usize| b.get(i) == Some(&b'-');
    if year(b, p)
        && dash(p + 4)
        && digits(b, p + 5, 2)
        && dash(p + 7)
        && digits(b, p + 8, 2)
        && boundary(b, p + 10)
    {
        let mut groups: [Option<Range<usize>>; 8] = Default::default();
        groups[5] = Some(p..p + 4);
        groups[6] = Some(p + 5..p + 7);
        groups[7] = Some(p + 8..p + 10);
        return Some(NumericDate {
            span: p..p + 10,
            groups,
        });
    }
    None
}

/// Every match in `s`, in order, as `captures_iter` would give them.
pub fn numeric_dates(s: &str) -> Vec<NumericDate> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut p = 0;
    while p < b.len() {
        if b[p].is_ascii_digit() {
            if let Some(m) = at(b, p) {
                p = m.span.end;
                out.push(m);
                continue;
            }
        }
        p += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const REGEX: &str = r"(?-u:\b)(?:([0-9]{1,2})([./])([0-9]{1,2})[./]((?:19|20)[0-9][0-9])|((?:19|20)[0-9][0-9])-([0-9][0-9])-([0-9][0-9]))(?-u:\b)";

    fn oracle(s: &str) -> Vec<NumericDate> {
        let re = regex::Regex::new(REGEX).unwrap();
        re.captures_iter(s)
            .map(|c| {
                let mut groups: [Option<Range<usize>>; 8] = Default::default();
                for (i, g) in groups.iter_mut().enumerate().skip(1) {
                    *g = c.get(i).map(|m| m.range());
                }
                NumericDate {
                    span: c.get(0).unwrap().range(),
                    groups,
                }
            })
            .collect()
    }

    fn same(s: &str) {
        assert_eq!(numeric_dates(s), oracle(s), "{s:?}");
    }

    #[test]
    fn cases() {
        for s in [
            "",
            "le 12/03/2026 et le 1.3.1999, 2026-03-12",
            "112/03/2026 12/03/20261 a12/03/2026 12/03/2026a 12/03/2026_",
            "12/3/2026 1/12/2026 12.03/2026 12/123/2026 12/03/2126",
            "2026-3-12 2026-03-12-01 19999-01-01 é2026-03-12é",
            "1/1/1900/1/1/2000",
        ] {
            same(s);
        }
    }

    proptest! {
        #[test]
        fn same_as_the_regex(parts in prop::collection::vec(
            prop::sample::select(vec![
                "1", "12", "123", "19", "20", "2026", "1999", "03", ".", "/", "-", " ", "a", "_", "é",
            ]),
            0..12,
        )) {
            same(&parts.concat());
        }
    }
}
