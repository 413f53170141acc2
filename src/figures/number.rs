//! Numbers written with digits ("3 200", "-2,5 %", "1.000.000"), found by a
//! hand-written matcher with exactly the semantics of the regex it replaces
//! (kept in the tests as the reference, compared on cases and by a property
//! test):
//!
//! ```text
//! (?:^|[^\p{L}\p{N}_.,/-])([+−-]\s?)?(\d{1,3}(?:(?:[ \u{a0}\u{202f}]|[.,’'])\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(\s?%)?
//! ```
//!
//! searched with `captures_iter`: leftmost-first, greedy, Unicode `\d`
//! (decimal digits), `\s`, `\p{L}` and `\p{N}`. Compiling that regex cost
//! about as much as the rest of `headline-facts` on a release.

use std::ops::Range;
use std::sync::LazyLock;

/// Sorted, disjoint character ranges of a Unicode class.
struct Class(Vec<(char, char)>);

impl Class {
    /// The class of a bracketed regex class such as `[\p{L}\p{N}]`.
    fn of(pattern: &str) -> Class {
        let ranges = regex_syntax::Parser::new()
            .parse(pattern)
            .ok()
            .and_then(|h| match h.into_kind() {
                regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(u)) => Some(
                    u.ranges()
                        .iter()
                        .map(|r| (r.start(), r.end()))
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            })
            .unwrap_or_default();
        Class(ranges)
    }

    fn contains(&self, c: char) -> bool {
        self.0
            .binary_search_by(|&(a, b)| {
                if b < c {
                    std::cmp::Ordering::Less
                } else if a > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// `\d`: Unicode decimal digits.
static DIGIT: LazyLock<Class> = LazyLock::new(|| Class::of(r"[\d]"));
/// Letters and numbers (`\p{L}`, `\p{N}`), which may not stand before a number.
static WORD: LazyLock<Class> = LazyLock::new(|| Class::of(r"[\p{L}\p{N}]"));

fn digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        DIGIT.contains(c)
    }
}

/// `[\p{L}\p{N}_.,/-]`: what may not stand before a number.
fn excluded(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ',' | '/' | '-')
    } else {
        WORD.contains(c)
    }
}

/// `\s`: Unicode white space (the `White_Space` property, as `char`'s).
fn space(c: char) -> bool {
    c.is_whitespace()
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// The end of a run of digits starting at `i` (at most `max`), and how many.
fn digits(s: &str, i: usize, max: usize) -> (usize, usize) {
    let mut end = i;
    let mut n = 0;
    for c in s[i..].chars() {
        if n == max || !digit(c) {
            break;
        }
        end += c.len_utf8();
        n += 1;
    }
    (end, n)
}

/// `(?:[.,]\d+)?` at `i`: where it ends.
fn decimals(s: &str, i: usize) -> usize {
    match char_at(s, i) {
        Some('.' | ',') => {
            let (end, n) = digits(s, i + 1, usize::MAX);
            if n > 0 {
                end
            } else {
                i
            }
        }
        _ => i,
    }
}

/// The number group at `i`: `\d{1,3}(?:SEP\d{3})+(?:[.,]\d+)?` or
/// `\d+(?:[.,]\d+)?`, the first that matches.
fn number(s: &str, i: usize) -> Option<usize> {
    let (all_end, run) = digits(s, i, usize::MAX);
    if run == 0 {
        return None;
    }
    // `\d{1,3}` is followed by a separator, never a digit: only a run of
    // at most three digits can start the grouped form.
    if run <= 3 {
        let mut e = all_end;
        let mut groups = 0;
        while let Some(sep) = char_at(s, e).filter(|c| {
            matches!(
                c,
                ' ' | '\u{a0}' | '\u{202f}' | '.' | ',' | '\u{2019}' | '\''
            )
        }) {
            let (end, n) = digits(s, e + sep.len_utf8(), 3);
            if n < 3 {
                break;
            }
            e = end;
            groups += 1;
        }
        if groups > 0 {
            return Some(decimals(s, e));
        }
    }
    Some(decimals(s, all_end))
}

/// One match's groups: the sign (with its space), the number, the percent
/// sign (with its space).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub sign: Option<Range<usize>>,
    pub num: Range<usize>,
    pub pct: Option<Range<usize>>,
}

impl Number {
    fn end(&self) -> usize {
        self.pct.as_ref().map_or(self.num.end, |p| p.end)
    }
}

/// `([+−-]\s?)?NUMBER(\s?%)?` at `i`.
fn signed(s: &str, i: usize) -> Option<Number> {
    let with = |sign: Option<Range<usize>>, at: usize| {
        number(s, at).map(|end| {
            let pct = match char_at(s, end) {
                Some('%') => Some(end..end + 1),
                Some(c) if space(c) && char_at(s, end + c.len_utf8()) == Some('%') => {
                    Some(end..end + c.len_utf8() + 1)
                }
                _ => None,
            };
            Number {
                sign,
                num: at..end,
                pct,
            }
        })
    };
    if let Some(c @ ('+' | '\u{2212}' | '-')) = char_at(s, i) {
        let a = i + c.len_utf8();
        if let Some(w) = char_at(s, a).filter(|&w| space(w)) {
            if let Some(n) = with(Some(i..a + w.len_utf8()), a + w.len_utf8()) {
                return Some(n);
            }
        }
        if let Some(n) = with(Some(i..a), a) {
            return Some(n);
        }
    }
    with(None, i)
}

/// The match starting at `p` (a character boundary of `s`), if any.
fn at(s: &str, p: usize) -> Option<Number> {
    if p == 0 {
        if let Some(n) = signed(s, 0) {
            return Some(n);
        }
    }
    let c = char_at(s, p)?;
    if excluded(c) {
        return None;
    }
    signed(s, p + c.len_utf8())
}

/// Every match in `s`, in order, as `captures_iter` would give them.
pub fn numbers(s: &str) -> Vec<Number> {
    let mut out = Vec::new();
    let mut from = 0;
    // Where the last candidate start was tried (none yet).
    let mut tried: Option<usize> = None;
    let mut i = 0;
    while i < s.len() {
        let Some(c) = char_at(s, i) else { break };
        if !digit(c) {
            i += c.len_utf8();
            continue;
        }
        // A match holds a digit at most three characters after its start
        // (a character before, a sign, a space): the candidate starts for
        // this digit are the three characters before it and itself.
        let mut starts = vec![i];
        let mut b = i;
        for _ in 0..3 {
            let Some(prev) = s[..b].chars().next_back() else {
                break;
            };
            b -= prev.len_utf8();
            starts.push(b);
        }
        starts.reverse();
        let mut found = None;
        for p in starts {
            if p < from || tried.is_some_and(|t| p <= t) {
                continue;
            }
            tried = Some(p);
            if let Some(n) = at(s, p) {
                found = Some(n);
                break;
            }
        }
        match found {
            Some(n) => {
                from = n.end();
                i = from;
                tried = Some(from.saturating_sub(1)).filter(|_| from > 0);
                out.push(n);
            }
            None => i += c.len_utf8(),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const REGEX: &str = r"(?:^|[^\p{L}\p{N}_.,/-])([+−-]\s?)?(\d{1,3}(?:(?:[ \u{a0}\u{202f}]|[.,’'])\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(\s?%)?";

    fn oracle(s: &str) -> Vec<Number> {
        let re = regex::Regex::new(REGEX).unwrap();
        re.captures_iter(s)
            .map(|c| Number {
                sign: c.get(1).map(|m| m.range()),
                num: c.get(2).map(|m| m.range()).unwrap(),
                pct: c.get(3).map(|m| m.range()),
            })
            .collect()
    }

    fn same(s: &str) {
        assert_eq!(numbers(s), oracle(s), "{s:?}");
    }

    #[test]
    fn cases() {
        for s in [
            "",
            "no figure",
            "180 mètres, 12 mars 2026",
            "3 200 emplois, 3.200, 3,200 et 3200",
            "-2,5 %, +3%, − 4 %, - x, +-5",
            "1 2345, 1234 567, 12 345 678,9",
            "A4, G7, 10e, COVID-19, 24/7, 10:00, x.5, _5",
            "1.000.000 et 1’000 et 1'000.5",
            "5\u{a0}000\u{202f}000 \u{a0}%",
            "٣٤٥ et ५० et ²3 et Ⅻ4",
            "5 %%, 5\n%, 5 \n%",
            "a+5 +5 (5) «5» é5",
            "0.5. 0,5, 12.",
        ] {
            same(s);
        }
    }

    proptest! {
        #[test]
        fn same_as_the_regex(parts in prop::collection::vec(
            prop::sample::select(vec![
                "1", "12", "123", "1234", "0", "٣", " ", "\u{a0}", "\u{202f}", ".", ",", "’", "'",
                "%", "+", "-", "−", "a", "é", "_", "/", "\n", "(", "²",
            ]),
            0..16,
        )) {
            same(&parts.concat());
        }
    }
}
