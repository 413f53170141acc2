//! The textual date recogniser ("12 mars 2025", "1er avril", "June 3, 2026",
//! "12. März"): a hand-written matcher with exactly the semantics of the
//! regex it replaces (kept in the tests as the reference),
//!
//! ```text
//! (?i)(?-u:\b)(?:([0-9]{1,2})(?:er|re|st|nd|rd|th|e|de|ste|ten)?\.?\s+(?:de\s+)?(MONTHS)(?-u:\b)\.?
//!                (?:,?\s+((?:19|20)[0-9][0-9])(?-u:\b))?
//!               |(MONTHS)(?-u:\b)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+((?:19|20)[0-9][0-9])(?-u:\b))?)
//! ```
//!
//! searched leftmost-first, alternatives in order (MONTHS longest first).
//! Compiling that regex (two alternations of some 150 month names and
//! abbreviations under Unicode case folding) was a tenth of a one-release run;
//! the matcher needs no compilation. Case-insensitivity is Unicode simple case
//! folding, as the regex's: each pattern character matches the characters of
//! its folding orbit ("s" also matches "ſ").

use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

/// One textual date: the spans of its parts in the searched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextualMatch {
    /// The whole date.
    pub span: Range<usize>,
    /// The day digits.
    pub day: Range<usize>,
    /// The month name as written.
    pub month: Range<usize>,
    /// The year digits, when written.
    pub year: Option<Range<usize>>,
}

/// The suffixes after a day written first, in the regex's order.
const DAY_SUFFIXES: &[&str] = &["er", "re", "st", "nd", "rd", "th", "e", "de", "ste", "ten"];
/// The suffixes after a day written after the month.
const US_SUFFIXES: &[&str] = &["st", "nd", "rd", "th"];

/// Month names and abbreviations, matched case-insensitively.
#[derive(Debug, Clone)]
pub struct TextualDates {
    /// The names in the regex's order: longest (escaped) first, stable.
    months: Vec<Vec<char>>,
    /// The characters each pattern character matches (its simple case
    /// folding orbit), for the characters of the names and suffixes that
    /// have more than one.
    orbits: HashMap<char, Vec<char>>,
    /// The indices (in order) of the names a text character can start.
    by_first: HashMap<char, Vec<usize>>,
    /// The first bytes of the characters that can start a name.
    first_bytes: [bool; 256],
    /// The longest name, in characters.
    longest: usize,
    /// Whether no name holds an ASCII digit or a space (the built-in ones):
    /// the search can then jump from digit to digit.
    plain_names: bool,
    /// For an ASCII pattern character, the other ASCII character of its
    /// orbit ("a" → "A"), 0 when none: an ASCII text character is matched
    /// without a lookup in `orbits`.
    ascii_other: Option<[u8; 128]>,
}

/// Whether `b` is an ASCII word byte (`(?-u:\b)` looks at bytes).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `(?-u:\b)` at byte `i` of `s`.
fn ascii_boundary(s: &[u8], i: usize) -> bool {
    let before = i > 0 && is_word_byte(s[i - 1]);
    let after = i < s.len() && is_word_byte(s[i]);
    before != after
}

/// The end of the run of whitespace (`\s`, Unicode) at `i`; `i` when none.
fn spaces(s: &str, i: usize) -> usize {
    let mut end = i;
    for c in s[i..].chars() {
        if !c.is_whitespace() {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// `\s+` at `i`: its end when there is at least one space.
fn spaces1(s: &str, i: usize) -> Option<usize> {
    let end = spaces(s, i);
    (end > i).then_some(end)
}

/// The simple case folding orbits (as the regex engine computes them) of
/// those of `chars` that match more than themselves: "s" → "s", "S", "ſ".
pub fn fold_orbits(chars: impl Iterator<Item = char>) -> HashMap<char, Vec<char>> {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    let distinct: std::collections::BTreeSet<char> = chars.collect();
    distinct
        .into_iter()
        .filter_map(|c| {
            let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
            class.case_fold_simple();
            let o: Vec<char> = class.iter().flat_map(|r| r.start()..=r.end()).collect();
            (o.len() > 1 || o.first() != Some(&c)).then_some((c, o))
        })
        .collect()
}

/// For each ASCII character, the other ASCII character of its orbit in
/// `orbits` (0 when none). Simple case folding pairs an ASCII letter with
/// its other case only (the other members of an orbit, "ſ" or the Kelvin
/// sign, are not ASCII); `None` if an orbit had two other ASCII members
/// (the lookup in the orbits then decides).
fn ascii_others(orbits: &HashMap<char, Vec<char>>) -> Option<[u8; 128]> {
    let mut out = [0u8; 128];
    for (&p, orbit) in orbits {
        if !p.is_ascii() {
            continue;
        }
        let mut others = orbit.iter().filter(|&&c| c.is_ascii() && c != p);
        if let Some(&o) = others.next() {
            if others.next().is_some() {
                return None;
            }
            out[p as usize] = o as u8;
        }
    }
    Some(out)
}

impl TextualDates {
    /// The matcher for these month names and abbreviations (lower-case).
    pub fn new(months: impl Iterator<Item = String>) -> Self {
        // As the regex alternation was built: escaped, sorted longest first
        // (stable), adjacent duplicates dropped.
        let mut v: Vec<(usize, String)> = months.map(|m| (regex::escape(&m).len(), m)).collect();
        v.sort_by_key(|(len, _)| std::cmp::Reverse(*len));
        v.dedup_by(|a, b| a.1 == b.1);
        let months: Vec<Vec<char>> = v.into_iter().map(|(_, m)| m.chars().collect()).collect();
        let suffix_chars = DAY_SUFFIXES.iter().flat_map(|s| s.chars());
        let orbits = fold_orbits(
            months
                .iter()
                .flatten()
                .copied()
                .chain(suffix_chars)
                .chain("de".chars()),
        );
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (k, m) in months.iter().enumerate() {
            let Some(&c) = m.first() else { continue };
            let starts = orbits.get(&c).cloned().unwrap_or_else(|| vec![c]);
            for t in starts {
                by_first.entry(t).or_default().push(k);
            }
        }
        let mut first_bytes = [false; 256];
        for c in by_first.keys() {
            let mut buf = [0u8; 4];
            first_bytes[usize::from(c.encode_utf8(&mut buf).as_bytes()[0])] = true;
        }
        let longest = months.iter().map(Vec::len).max().unwrap_or(0);
        let plain_names = months
            .iter()
            .flatten()
            .all(|c| !c.is_ascii_digit() && !c.is_whitespace());
        let ascii_other = ascii_others(&orbits);
        TextualDates {
            months,
            orbits,
            by_first,
            first_bytes,
            longest,
            plain_names,
            ascii_other,
        }
    }

    /// Whether text character `t` matches pattern character `p`.
    fn char_eq(&self, p: char, t: char) -> bool {
        if p == t {
            return true;
        }
        if let (true, true, Some(other)) = (p.is_ascii(), t.is_ascii(), &self.ascii_other) {
            // Both ASCII: the only other ASCII character of an orbit is the
            // other case of a letter (see `ascii_others`).
            return other[p as usize] == t as u8 && t != '\0';
        }
        self.orbits.get(&p).is_some_and(|o| o.contains(&t))
    }

    /// The end of `word` matched case-insensitively at `i`.
    fn literal(&self, s: &str, i: usize, word: impl IntoIterator<Item = char>) -> Option<usize> {
        let mut chars = s[i..].chars();
        let mut end = i;
        for p in word {
            let t = chars.next()?;
            if !self.char_eq(p, t) {
                return None;
            }
            end += t.len_utf8();
        }
        Some(end)
    }

    /// The end of the first month name (in order) at `i` followed by an
    /// ASCII word boundary, after `skip` names already tried.
    fn month_at(&self, s: &str, i: usize, skip: usize) -> Option<(usize, usize)> {
        let first = s[i..].chars().next()?;
        self.by_first
            .get(&first)?
            .iter()
            .filter(|&&k| k >= skip)
            .find_map(|&k| {
                let end = self.literal(s, i, self.months[k].iter().copied())?;
                ascii_boundary(s.as_bytes(), end).then_some((k, end))
            })
    }

    /// `(?:,?\s+((?:19|20)[0-9][0-9])(?-u:\b))?` at `i`: the year's span.
    fn year(s: &str, i: usize) -> Option<Range<usize>> {
        let b = s.as_bytes();
        let i = if b.get(i) == Some(&b',') { i + 1 } else { i };
        let y = spaces1(s, i)?;
        let d = b.get(y..y + 4)?;
        let ok = matches!(&d[..2], b"19" | b"20")
            && d[2].is_ascii_digit()
            && d[3].is_ascii_digit()
            && ascii_boundary(b, y + 4);
        ok.then(|| y..y + 4)
    }

    /// The end of `\.?` at `i`, taken when there.
    fn dot(s: &str, i: usize) -> usize {
        if s.as_bytes().get(i) == Some(&b'.') {
            i + 1
        } else {
            i
        }
    }

    /// The day-first alternative at `p`.
    fn day_first(&self, s: &str, p: usize) -> Option<TextualMatch> {
        let b = s.as_bytes();
        for nd in [2usize, 1] {
            if !b
                .get(p..p + nd)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            {
                continue;
            }
            let day = p..p + nd;
            let suffixes = DAY_SUFFIXES.iter().map(Some).chain([None]);
            for suf in suffixes {
                let Some(q) = (match suf {
                    Some(x) => self.literal(s, day.end, x.chars()),
                    None => Some(day.end),
                }) else {
                    continue;
                };
                // `\.?` greedy, then `\s+`: a dot not followed by a space
                // leaves the dot-less path, which needs a space at the dot.
                for q in [Self::dot(s, q), q] {
                    let Some(q) = spaces1(s, q) else { continue };
                    // `(?:de\s+)?` greedy.
                    let with_de = self.literal(s, q, "de".chars()).and_then(|e| spaces1(s, e));
                    for m in with_de.into_iter().chain([q]) {
                        if let Some((_, end)) = self.month_at(s, m, 0) {
                            let after = Self::dot(s, end);
                            let year = Self::year(s, after);
                            return Some(TextualMatch {
                                span: p..year.as_ref().map_or(after, |y| y.end),
                                day,
                                month: m..end,
                                year,
                            });
                        }
                    }
                }
            }
        }
        None
    }

    /// The month-first alternative at `p`.
    fn month_first(&self, s: &str, p: usize) -> Option<TextualMatch> {
        let b = s.as_bytes();
        let mut skip = 0;
        while let Some((k, end)) = self.month_at(s, p, skip) {
            skip = k + 1;
            let dot = Self::dot(s, end);
            let dots = if dot > end { vec![dot, end] } else { vec![end] };
            for q in dots {
                let Some(d) = spaces1(s, q) else { continue };
                for nd in [2usize, 1] {
                    if !b
                        .get(d..d + nd)
                        .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
                    {
                        continue;
                    }
                    let day = d..d + nd;
                    let suffixes = US_SUFFIXES.iter().map(Some).chain([None]);
                    for suf in suffixes {
                        let Some(e) = (match suf {
                            Some(x) => self.literal(s, day.end, x.chars()),
                            None => Some(day.end),
                        }) else {
                            continue;
                        };
                        if !ascii_boundary(b, e) {
                            continue;
                        }
                        let year = Self::year(s, e);
                        return Some(TextualMatch {
                            span: p..year.as_ref().map_or(e, |y| y.end),
                            day,
                            month: p..end,
                            year,
                        });
                    }
                }
            }
        }
        None
    }

    /// The match starting at `p`, if any (day first preferred).
    fn at(&self, s: &str, p: usize) -> Option<TextualMatch> {
        // Every match starts with a day's digit or a name's first letter.
        let b = s.as_bytes()[p];
        let digit = b.is_ascii_digit();
        if !digit && !self.first_bytes[usize::from(b)] {
            return None;
        }
        if !ascii_boundary(s.as_bytes(), p) {
            return None;
        }
        let day = if digit { self.day_first(s, p) } else { None };
        day.or_else(|| {
            self.first_bytes[usize::from(b)]
                .then(|| self.month_first(s, p))
                .flatten()
        })
    }

    /// Every textual date of `s`, leftmost first, without overlaps.
    pub fn find_iter(&self, s: &str) -> Vec<TextualMatch> {
        if self.plain_names {
            return self.find_by_digits(s);
        }
        self.find_everywhere(s)
    }

    /// [`TextualDates::find_iter`] when no name holds a digit or a space:
    /// every match holds a digit, and one that starts before the next digit
    /// `d` is a name ending, maybe with a full stop, where the spaces before
    /// `d` begin. Only those few starts are tried.
    fn find_by_digits(&self, s: &str) -> Vec<TextualMatch> {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut cur = 0;
        while let Some(d) = b[cur..]
            .iter()
            .position(u8::is_ascii_digit)
            .map(|i| cur + i)
        {
            // The spaces before the digit.
            let mut r = d;
            while let Some(c) = s[cur..r].chars().next_back() {
                if !c.is_whitespace() {
                    break;
                }
                r -= c.len_utf8();
            }
            let mut found = None;
            if r < d {
                let mut p = r.saturating_sub(1 + 4 * self.longest).max(cur);
                while p < r {
                    if s.is_char_boundary(p) {
                        if let Some(m) = self.at(s, p) {
                            found = Some(m);
                            break;
                        }
                    }
                    p += 1;
                }
            }
            let found = found.or_else(|| self.at(s, d));
            match found {
                Some(m) => {
                    cur = m.span.end.max(d + 1);
                    out.push(m);
                }
                None => cur = d + 1,
            }
        }
        out
    }

    /// [`TextualDates::find_iter`] trying every start.
    fn find_everywhere(&self, s: &str) -> Vec<TextualMatch> {
        let mut out = Vec::new();
        let mut p = 0;
        while p < s.len() {
            if !s.is_char_boundary(p) {
                p += 1;
                continue;
            }
            match self.at(s, p) {
                Some(m) => {
                    p = m.span.end.max(p + 1);
                    out.push(m);
                }
                None => p += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn months() -> Vec<String> {
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
            "march",
            "may",
            "june",
            "maart",
            "mei",
            "märz",
            "dezember",
            "december",
            "sept",
            "janv",
            "déc",
            "févr",
            "fév",
            "jan",
            "ſep",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    /// The regex the matcher replaces, for these months.
    fn reference(months: &[String]) -> regex::Regex {
        let mut v: Vec<String> = months.iter().map(|w| regex::escape(w)).collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.len()));
        v.dedup();
        let month_alt = v.join("|");
        regex::Regex::new(&format!(
            r"(?i)(?-u:\b)(?:([0-9]{{1,2}})(?:er|re|st|nd|rd|th|e|de|ste|ten)?\.?\s+(?:de\s+)?({month_alt})(?-u:\b)\.?(?:,?\s+((?:19|20)[0-9][0-9])(?-u:\b))?|({month_alt})(?-u:\b)\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+((?:19|20)[0-9][0-9])(?-u:\b))?)"
        ))
        .unwrap()
    }

    fn by_regex(re: &regex::Regex, s: &str) -> Vec<TextualMatch> {
        re.captures_iter(s)
            .map(|c| {
                let (d, m, y) = if c.get(1).is_some() {
                    (1, 2, 3)
                } else {
                    (5, 4, 6)
                };
                TextualMatch {
                    span: c.get(0).unwrap().range(),
                    day: c.get(d).unwrap().range(),
                    month: c.get(m).unwrap().range(),
                    year: c.get(y).map(|x| x.range()),
                }
            })
            .collect()
    }

    fn same(s: &str) {
        let m = months();
        let t = TextualDates::new(m.iter().cloned());
        assert!(t.plain_names);
        assert_eq!(t.find_iter(s), by_regex(&reference(&m), s), "{s:?}");
        assert_eq!(t.find_everywhere(s), by_regex(&reference(&m), s), "{s:?}");
    }

    #[test]
    fn dates_as_written() {
        let m = months();
        let t = TextualDates::new(m.iter().cloned());
        let found = t.find_iter("Bruxelles, le 1er MARS 2025 et le 3\u{a0}décembre.");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].year, Some(23..27));
        for s in [
            "le 12 mars 2025",
            "12. März 2026",
            "June 3, 2026 and May 4th, 1999",
            "le 1er Mars, 2025",
            "12 de december",
            "3ste mei",
            "sept. 12",
            "Sept 12th",
            "12 déc. 2025",
            "12 DÉCEMBRE 2025",
            "12 ſep 2025",
            "é12 mars",
            "12 marsx 2025",
            "123 mars",
            "mars 123",
            "12mars 2025",
            "12 mars 20255",
            "31 de 2025 mars",
            "5 et 12 mars",
            "12 \u{2003} mars \n 2024",
            "12 mars,2024",
            "mai. 5",
            "mai.5 mai",
            "12 mai. 2024",
        ] {
            same(s);
        }
    }

    #[test]
    fn ascii_orbit_members() {
        let orbits = fold_orbits("kséd.".chars());
        let o = ascii_others(&orbits).expect("one other ASCII member per orbit");
        assert_eq!(o[usize::from(b'k')], b'K');
        assert_eq!(o[usize::from(b's')], b'S');
        assert_eq!(o[usize::from(b'd')], b'D');
        assert_eq!(o[usize::from(b'.')], 0);
        let t = TextualDates::new(["ks".to_string()].into_iter());
        for (p, c, eq) in [
            ('k', 'K', true),
            ('k', '\u{212a}', true),
            ('s', 'ſ', true),
            ('s', 'S', true),
            ('k', 'k', true),
            ('k', 's', false),
            ('k', '\0', false),
            ('.', '.', true),
            ('.', ',', false),
        ] {
            assert_eq!(t.char_eq(p, c), eq, "{p:?} {c:?}");
        }
        // Two other ASCII members: no fast path.
        let mut odd = HashMap::new();
        odd.insert('a', vec!['a', 'A', 'b']);
        assert!(ascii_others(&odd).is_none());
    }

    #[test]
    fn no_date() {
        let t = TextualDates::new(months().into_iter());
        assert!(t.find_iter("le budget de 2025").is_empty());
        assert!(t.find_iter("mars").is_empty());
        assert!(t.find_iter("12 marsupiaux").is_empty());
    }

    proptest! {
        #[test]
        fn same_as_the_regex(parts in prop::collection::vec(
            prop::sample::select(vec![
                "12", "1", "3", "123", "2025", "1999", "2101", " ", "  ", "\u{a0}", "\n", ".", ",",
                "er", "ER", "e", "de", "De", "st", "ſt", "ste", "ten", "th", "nd", "mars", "MARS",
                "Mars", "mai", "may", "märz", "MÄRZ", "décembre", "DÉCEMBRE", "dec", "déc", "sept",
                "septembre", "ſep", "x", "é", "_", "-", "juin", "june", "de ",
            ]),
            0..12,
        )) {
            same(&parts.concat());
        }
    }
}
