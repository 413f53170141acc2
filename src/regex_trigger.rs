//! Literals a regex's every match must contain: a cheap test that tells when
//! a regex cannot match a text, so that it need not be compiled to know.
//!
//! Compiling a regex costs far more than scanning a release for a few short
//! strings (the placeholder pack pattern alone costs some 11 M instructions
//! to compile; most releases hold no `TK`, `XX`, `{{`, `[` or "lorem").
//! [`Trigger::new`] reads the pattern's syntax tree (the same parser, with
//! the same flags, as the `regex` crate) and derives a set of literals such
//! that every match of the regex contains at least one of them. A text that
//! holds none of them cannot match: the search is skipped and the regex is
//! never compiled. A text that holds one is searched by the regex as before,
//! so findings are unchanged whatever the trigger says.
//!
//! The literals are compared ASCII-case-insensitively (every literal is
//! stored lower-cased): a case-sensitive pattern then fires a little more
//! often than it strictly could ("tk" for `TK`), never less. Non-ASCII case
//! variants that Unicode case folding adds (`ſ` for `s`, `K` for `k`) are
//! literals of their own.

use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

mod known;
use regex_syntax::hir::{Class, Hir, HirKind};

/// How many strings a literal set may hold before it is given up (cross
/// products of classes grow fast).
const SET_LIMIT: usize = 64;

/// How many strings the alternatives of an alternation may require in all
/// before the alternation is taken to require nothing (a trigger of
/// hundreds of strings fires on most texts and costs more to build).
const UNION_LIMIT: usize = 128;

/// Patterns longer than this get no literals (they would be hundreds of
/// names, and reading them costs a good part of compiling them).
const PATTERN_LIMIT: usize = 2000;

/// How many characters a class may hold to be spelled out as literals.
const CLASS_LIMIT: usize = 12;

/// A set of lower-cased byte strings, deduplicated.
type Set = Vec<Vec<u8>>;

/// What the analysis knows of one node of the syntax tree.
struct Info {
    /// Every string the node can match, when that language is small and finite.
    exact: Option<Set>,
    /// Strings of which every match of the node contains one.
    required: Option<Set>,
    /// Strings of which every match of the node begins with one (when
    /// `exact` is unknown; see [`Info::prefix`]).
    prefix: Option<Set>,
    /// Strings of which every match of the node ends with one (likewise).
    suffix: Option<Set>,
}

impl Info {
    fn none() -> Info {
        Info {
            exact: None,
            required: None,
            prefix: None,
            suffix: None,
        }
    }

    fn exact(set: Set) -> Info {
        Info {
            exact: Some(set),
            required: None,
            prefix: None,
            suffix: None,
        }
    }

    /// Strings of which every match begins with one.
    fn prefix(&self) -> Option<&Set> {
        self.exact.as_ref().or(self.prefix.as_ref())
    }

    /// Strings of which every match ends with one.
    fn suffix(&self) -> Option<&Set> {
        self.exact.as_ref().or(self.suffix.as_ref())
    }

    /// The candidate necessary sets of this node, by reference.
    fn candidates(&self) -> impl Iterator<Item = &Set> {
        [
            self.required.as_ref(),
            self.exact.as_ref(),
            self.prefix.as_ref(),
            self.suffix.as_ref(),
        ]
        .into_iter()
        .flatten()
    }

    /// The most selective necessary set (every match holds one of the
    /// required, prefix or suffix strings, or is one of the exact ones); `None` when nothing is required (a set holding the
    /// empty string requires nothing).
    fn best(&self) -> Option<Set> {
        most_selective_ref(self.candidates()).cloned()
    }
}

/// A set is a usable requirement when none of its strings is empty (an
/// empty set is usable: the node can never match).
fn useful(s: &Set) -> bool {
    s.iter().all(|l| !l.is_empty())
}

/// How often a text may hold one of the strings of a set, roughly (the
/// lower the more selective): a letter, a digit, a space or common
/// punctuation alone is frequent, other single bytes ("@", "[", "{") are
/// rare, and each further byte divides the odds.
fn cost(s: &Set) -> f64 {
    s.iter()
        .map(|l| match l.first() {
            None => 1.0,
            Some(b) => {
                let first = if b.is_ascii_alphanumeric() || b" \n.,-'".contains(b) {
                    0.05
                } else {
                    0.0002
                };
                first * 0.15f64.powi(l.len().min(16) as i32 - 1)
            }
        })
        .sum()
}

/// The most selective of the usable sets.
fn most_selective(sets: impl IntoIterator<Item = Set>) -> Option<Set> {
    sets.into_iter()
        .filter(useful)
        .map(|s| (cost(&s), s))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, s)| s)
}

/// [`most_selective`] of borrowed sets.
fn most_selective_ref<'a>(sets: impl Iterator<Item = &'a Set>) -> Option<&'a Set> {
    sets.filter(|s| useful(s))
        .map(|s| (cost(s), s))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, s)| s)
}

/// Lower-cases ASCII letters (the comparison is ASCII-case-insensitive).
fn fold(mut b: Vec<u8>) -> Vec<u8> {
    b.make_ascii_lowercase();
    b
}

fn dedup(mut s: Set) -> Set {
    s.sort();
    s.dedup();
    s
}

/// Every concatenation of a string of `a` with a string of `b`, if there are
/// at most [`SET_LIMIT`].
fn product(a: &Set, b: &Set) -> Option<Set> {
    if a.len().saturating_mul(b.len()) > SET_LIMIT {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let mut s = x.clone();
            s.extend_from_slice(y);
            out.push(s);
        }
    }
    Some(dedup(out))
}

/// The characters of a class, lower-cased and encoded, if few enough.
fn class_set(c: &Class) -> Option<Set> {
    let mut out = Vec::new();
    match c {
        Class::Unicode(u) => {
            for r in u.ranges() {
                let n = (r.end() as u32 - r.start() as u32) as usize + 1;
                if out.len() + n > CLASS_LIMIT * 2 {
                    return None;
                }
                for ch in r.start()..=r.end() {
                    let mut buf = [0u8; 4];
                    out.push(fold(ch.encode_utf8(&mut buf).as_bytes().to_vec()));
                }
            }
        }
        Class::Bytes(b) => {
            for r in b.ranges() {
                let n = (r.end() - r.start()) as usize + 1;
                if out.len() + n > CLASS_LIMIT * 2 {
                    return None;
                }
                for byte in r.start()..=r.end() {
                    out.push(fold(vec![byte]));
                }
            }
        }
    }
    let out = dedup(out);
    (out.len() <= CLASS_LIMIT).then_some(out)
}

/// `a` × `b`, or `a` alone when the product is too large (every string of
/// the product begins with a string of `a`: still a prefix set).
fn product_or_left(a: &Set, b: &Set) -> Set {
    product(a, b).unwrap_or_else(|| a.clone())
}

/// `a` × `b`, or `b` alone when the product is too large (a suffix set).
fn product_or_right(a: &Set, b: &Set) -> Set {
    product(a, b).unwrap_or_else(|| b.clone())
}

/// The union of the children's sets, if every child has one and the union
/// is small.
fn union<'a>(sets: impl Iterator<Item = Option<&'a Set>>) -> Option<Set> {
    let mut out: Set = Vec::new();
    for s in sets {
        out.extend(s?.iter().cloned());
        if out.len() > SET_LIMIT {
            return None;
        }
    }
    Some(dedup(out))
}

/// The string sets of a concatenation.
fn concat(infos: &[Info]) -> Info {
    let mut candidates: Vec<Set> = Vec::new();
    // A run of children whose whole language is known, multiplied out; a
    // child with a partly known language ends it with its prefixes (the
    // match holds the run followed by one of them) and starts the next run
    // with its suffixes.
    let mut run: Set = vec![Vec::new()];
    for i in infos {
        match &i.exact {
            Some(e) => match product(&run, e) {
                Some(n) => run = n,
                None => {
                    candidates.push(std::mem::replace(&mut run, e.clone()));
                }
            },
            None => {
                match i.prefix() {
                    Some(p) => match product(&run, p) {
                        Some(n) => candidates.push(n),
                        None => {
                            candidates.push(run.clone());
                            candidates.push(p.clone());
                        }
                    },
                    None => candidates.push(run.clone()),
                }
                run = i.suffix().cloned().unwrap_or_else(|| vec![Vec::new()]);
            }
        }
    }
    candidates.push(run);
    // The children's own sets compete too (borrowed: only the winner is copied).
    let own = most_selective_ref(infos.iter().flat_map(Info::candidates));
    let built = most_selective(candidates);
    let required = match (own, built) {
        (Some(o), Some(b)) if cost(o) < cost(&b) => Some(o.clone()),
        (Some(o), None) => Some(o.clone()),
        (_, b) => b,
    };
    // The whole language, if every child's is known.
    let mut exact: Option<Set> = Some(vec![Vec::new()]);
    for i in infos {
        exact = match (&exact, &i.exact) {
            (Some(w), Some(e)) => product(w, e),
            _ => None,
        };
    }
    // Prefixes: the leading known children, then the first other one's.
    let mut prefix: Set = vec![Vec::new()];
    for i in infos {
        match (&i.exact, i.prefix()) {
            (Some(e), _) => match product(&prefix, e) {
                Some(n) => prefix = n,
                None => break,
            },
            (None, Some(p)) => {
                prefix = product_or_left(&prefix, p);
                break;
            }
            (None, None) => break,
        }
    }
    let mut suffix: Set = vec![Vec::new()];
    for i in infos.iter().rev() {
        match (&i.exact, i.suffix()) {
            (Some(e), _) => match product(e, &suffix) {
                Some(n) => suffix = n,
                None => break,
            },
            (None, Some(x)) => {
                suffix = product_or_right(x, &suffix);
                break;
            }
            (None, None) => break,
        }
    }
    Info {
        exact,
        required,
        prefix: Some(prefix),
        suffix: Some(suffix),
    }
}

fn analyse(h: &Hir) -> Info {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Info::exact(vec![Vec::new()]),
        HirKind::Literal(l) => Info::exact(vec![fold(l.0.to_vec())]),
        HirKind::Class(c) => match class_set(c) {
            Some(s) => Info::exact(s),
            None => Info::none(),
        },
        HirKind::Capture(c) => analyse(&c.sub),
        HirKind::Repetition(r) => {
            if r.min == 0 {
                return Info::none();
            }
            let sub = analyse(&r.sub);
            if r.max == Some(r.min) && r.min <= 8 {
                // `x{n}`: n copies in a row.
                let copies: Vec<&Info> = std::iter::repeat_n(&sub, r.min as usize).collect();
                let parts: Vec<Info> = copies
                    .into_iter()
                    .map(|i| Info {
                        exact: i.exact.clone(),
                        required: i.required.clone(),
                        prefix: i.prefix.clone(),
                        suffix: i.suffix.clone(),
                    })
                    .collect();
                return concat(&parts);
            }
            // `x{n,}`: every match begins and ends with a copy of x, and
            // holds min copies in a row.
            let mut power = sub.exact.clone();
            for _ in 1..r.min.min(8) {
                power = power.and_then(|p| sub.exact.as_ref().and_then(|e| product(&p, e)));
            }
            let required = most_selective([power.clone(), sub.best()].into_iter().flatten());
            Info {
                exact: None,
                required,
                prefix: power.clone().or_else(|| sub.prefix().cloned()),
                suffix: power.or_else(|| sub.suffix().cloned()),
            }
        }
        HirKind::Concat(children) => {
            let infos: Vec<Info> = children.iter().map(analyse).collect();
            concat(&infos)
        }
        HirKind::Alternation(children) => {
            let infos: Vec<Info> = children.iter().map(analyse).collect();
            let mut required: Option<Set> = Some(Vec::new());
            for i in &infos {
                required = match (required, i.best()) {
                    (Some(mut x), Some(b)) if x.len() + b.len() <= UNION_LIMIT => {
                        x.extend(b);
                        Some(x)
                    }
                    _ => None,
                };
            }
            Info {
                exact: union(infos.iter().map(|i| i.exact.as_ref())),
                required: required.map(dedup),
                prefix: union(infos.iter().map(Info::prefix)),
                suffix: union(infos.iter().map(Info::suffix)),
            }
        }
    }
}

/// How many bytes a trigger scans before it gives up and always fires: on
/// a large release, or many releases, compiling the regex once costs less
/// than scanning everything for its literals first.
const SCAN_BUDGET: usize = 128 * 1024;

/// A test that a text may hold a match of a regex: `false` means it cannot.
#[derive(Debug)]
pub struct Trigger {
    /// The literals (ASCII-case-insensitive); `None`: any text may match.
    literals: Option<AhoCorasick>,
    /// Bytes scanned so far (see [`SCAN_BUDGET`]).
    scanned: AtomicUsize,
}

impl Clone for Trigger {
    fn clone(&self) -> Self {
        Trigger {
            literals: self.literals.clone(),
            scanned: AtomicUsize::new(self.scanned.load(Ordering::Relaxed)),
        }
    }
}

impl Trigger {
    /// The trigger of `pattern` compiled with `case_insensitive` as the
    /// `regex` crate's builder flag. A pattern the analysis cannot read
    /// gets a trigger that always fires.
    pub fn new(pattern: &str, case_insensitive: bool) -> Trigger {
        if pattern.len() > PATTERN_LIMIT {
            return Trigger::always();
        }
        // The built-in patterns' literals were read once, when the table
        // was generated (reading a syntax tree cost a tenth of a one-release
        // run); any other pattern is read now.
        if let Some(set) = known::lookup(pattern, case_insensitive) {
            return Trigger::from_literals(set.map(|s| s.iter().map(|l| l.to_vec()).collect()));
        }
        crate::regex_cache::timed_as("trigger-cost", pattern, || {
            Trigger::from_literals(Trigger::literal_bytes(pattern, case_insensitive))
        })
    }

    /// The literals of `pattern` (lower-cased bytes, deduplicated), read
    /// from its syntax tree; `None`: any text may match. What
    /// [`Trigger::new`] builds its search from, and what the generated
    /// table of built-in patterns holds (`tests/known_triggers.rs`).
    pub fn literal_bytes(pattern: &str, case_insensitive: bool) -> Option<Vec<Vec<u8>>> {
        if pattern.len() > PATTERN_LIMIT {
            return None;
        }
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)
            .ok()?;
        analyse(&hir).best().map(dedup)
    }

    /// Whether the generated table holds `pattern` (with its flag) and
    /// the literals it holds for it are `literals`; for the test that
    /// keeps the table in step with the analysis.
    pub fn known_as(pattern: &str, case_insensitive: bool) -> Option<Option<Vec<Vec<u8>>>> {
        known::lookup(pattern, case_insensitive)
            .map(|set| set.map(|s| s.iter().map(|l| l.to_vec()).collect()))
    }

    fn from_literals(set: Option<Set>) -> Trigger {
        let literals = set.and_then(|s| {
            // A contiguous NFA: a tenth of the build cost of the DFA the
            // builder picks for a few literals, and a trigger scans at most
            // SCAN_BUDGET bytes.
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&s)
                .ok()
        });
        Trigger {
            literals,
            scanned: AtomicUsize::new(0),
        }
    }

    /// A trigger that always fires.
    pub fn always() -> Trigger {
        Trigger {
            literals: None,
            scanned: AtomicUsize::new(0),
        }
    }

    /// Whether `hay` may hold a match (`false`: it holds none). Once
    /// [`SCAN_BUDGET`] bytes were scanned it always fires (the caller then
    /// compiles the regex, as it would without a trigger).
    pub fn fires(&self, hay: &str) -> bool {
        match &self.literals {
            None => true,
            Some(ac) => {
                self.scanned.fetch_add(hay.len(), Ordering::Relaxed) > SCAN_BUDGET
                    || ac.is_match(hay)
            }
        }
    }

    /// The literals, lower-cased (`None`: always fires); for tests and
    /// diagnostics.
    pub fn literals(pattern: &str, case_insensitive: bool) -> Option<Vec<String>> {
        let set = Trigger::literal_bytes(pattern, case_insensitive)?;
        Some(
            set.into_iter()
                .map(|l| String::from_utf8_lossy(&l).into_owned())
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Trigger;
    use proptest::prelude::*;

    const PLACEHOLDER: &str = r"(?:^|[^\w/.@-])(?-i:(?P<hit>TKTK|TK|XXX+|X{2,}(?:[.,]X+)+))(?:[^\w/@-]|$)|\{\{[^{}\n]{0,80}\}\}|\[\s*(?i:(?:insert|add|tbc|tbd|to be confirmed|to come|placeholder|xx+)(?-u:\b)|\?+)[^\]\n]{0,80}\]|(?i:(?-u:\b)lorem ipsum(?-u:\b))|(?-u:\b)(?-i:NAME HERE|QUOTE HERE|DATE HERE)(?-u:\b)";

    fn lits(p: &str, ic: bool) -> Option<Vec<String>> {
        Trigger::literals(p, ic)
    }

    #[test]
    fn placeholder_literals() {
        let l = lits(PLACEHOLDER, false).unwrap();
        for want in [
            "tk",
            "xxx",
            "[",
            "{{",
            "lorem ipsum",
            "lorem ip\u{17f}um",
            "name here",
        ] {
            assert!(l.iter().any(|x| x == want), "{want} in {l:?}");
        }
    }

    #[test]
    fn fires_where_the_regex_matches_and_not_elsewhere() {
        let t = Trigger::new(PLACEHOLDER, false);
        let re = regex::Regex::new(PLACEHOLDER).unwrap();
        for hit in [
            "Opening: [TBC]",
            "Dear {{name}}",
            "XXX jobs",
            "Lorem ipsum dolor",
            "NAME HERE",
        ] {
            assert!(re.is_match(hit), "{hit}");
            assert!(t.fires(hit), "{hit}");
        }
        let quiet = "La Ville de Namur inaugure sa passerelle, longue de 180 mètres.";
        assert!(!re.is_match(quiet));
        assert!(!t.fires(quiet));
    }

    #[test]
    fn fires_always_after_its_scan_budget() {
        let t = Trigger::new("quux", false);
        let quiet = "a".repeat(1024);
        assert!(!t.fires(&quiet));
        for _ in 0..super::SCAN_BUDGET / quiet.len() {
            let _ = t.fires(&quiet);
        }
        assert!(t.fires(&quiet), "gives up scanning");
    }

    #[test]
    fn case_folding_variants_are_literals() {
        // Unicode case folding: "s" also matches "ſ", "k" the Kelvin sign.
        let t = Trigger::new("(?i)ask", false);
        assert!(t.fires("ASK") && t.fires("aſk") && t.fires("as\u{212a}"));
        assert!(!t.fires("as"));
        let t = Trigger::new("ask", true);
        assert!(t.fires("aſ\u{212a}"));
    }

    #[test]
    fn nothing_required_always_fires() {
        for p in [r"\w*", r"a?", r"(?:a|)", r"^", r"[a-z]+"] {
            assert!(lits(p, false).is_none(), "{p}");
            assert!(Trigger::new(p, false).fires(""), "{p}");
        }
        // An unreadable pattern is never skipped.
        assert!(Trigger::new("(", false).fires(""));
    }

    #[test]
    fn repetitions_and_classes() {
        assert_eq!(lits("X{2,}", false).unwrap(), vec!["xx"]);
        // Classes are spelled out, and a rare byte is preferred.
        assert_eq!(lits("[0-9]{2}", false).unwrap().len(), 10);
        assert_eq!(lits(r"[a-z]+\.[0-9]+@", false).unwrap(), vec!["@"]);
        // Prefixes and suffixes of repetitions join: "h+t+p+" holds "ht".
        let l = lits("h+t+p+", false).unwrap();
        assert!(l == vec!["ht"] || l == vec!["tp"], "{l:?}");
        let t = Trigger::new(r"[\w.%+\-]*@[\w.\-@]*", false);
        assert!(t.fires("jane@example.org"));
        assert!(!t.fires("jane at example.org"));
        let t = Trigger::new(r"(?i-u)\b(?:lundi|mardi)\b", false);
        assert!(t.fires("MARDI 3") && !t.fires("mercredi"));
    }

    /// Random patterns from a small grammar: wherever the regex matches,
    /// the trigger fires.
    fn pattern() -> impl Strategy<Value = String> {
        let atom = prop::sample::select(vec![
            "a",
            "b",
            "k",
            "s",
            "X",
            "é",
            "ſ",
            "[ab]",
            "[0-9]",
            r"\w",
            r"\s",
            ".",
            r"\b",
            "(?-u:\\b)",
            "^",
            "$",
            "[^a]",
            "(?i:ab)",
            "(?i:s)",
            "ab",
            "TK",
            "[Kk]",
            "a{3}",
            "[ab]{2,}",
            r"[^\s\S]",
            "h+t+p+",
            "[0-9]{1,2}[./]",
        ])
        .prop_map(str::to_string);
        atom.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 1..4).prop_map(|v| v.concat()),
                prop::collection::vec(inner.clone(), 1..4)
                    .prop_map(|v| format!("(?:{})", v.join("|"))),
                (
                    inner.clone(),
                    prop::sample::select(vec!["*", "+", "?", "{2}", "{2,}", "{1,3}"])
                )
                    .prop_map(|(a, r)| format!("(?:{a}){r}")),
                inner.prop_map(|a| format!("(?i:{a})")),
            ]
        })
    }

    proptest! {
        #[test]
        fn never_skips_a_match(
            p in pattern(),
            ic in any::<bool>(),
            hay in prop::collection::vec(prop::sample::select(vec![
                "a", "b", "A", "B", "k", "K", "\u{212a}", "s", "S", "ſ", "x", "X", "XX", "t", "T",
                "é", "É", "1", "7", " ", "\n", "-", "_",
            ]), 0..10),
        ) {
            let hay = hay.concat();
            let re = regex::RegexBuilder::new(&p).case_insensitive(ic).build().unwrap();
            if re.is_match(&hay) {
                prop_assert!(Trigger::new(&p, ic).fires(&hay), "{} on {:?}", p, hay);
            }
        }
    }
}
