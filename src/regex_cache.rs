//! One compiled regex per pattern per process.
//!
//! Several rules build the same recognisers (the date and embargo finders
//! serve five rules); compiling each pattern once keeps start-up cheap,
//! which matters for the one-file pre-commit run.

use std::collections::HashMap;
use std::ops::Deref;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use regex::Regex;

use crate::regex_trigger::Trigger;

mod compiled;

pub use compiled::{Captures, Compiled, Match};

/// How many bytes the run is expected to search (see [`expect_text`]).
static EXPECTED: AtomicUsize = AtomicUsize::new(0);

/// Tells the cache how much text the run will search: a run of many
/// releases, or a large one, has its lazy regexes compiled with a literal
/// prefilter from the first search (see [`Lazy::compiled_for`]), instead of
/// once without and once with it.
pub fn expect_text(bytes: usize) {
    EXPECTED.store(bytes, Ordering::Relaxed);
}

/// Once a lazy regex searched this many bytes, it is compiled again with a
/// literal prefilter (see [`compiled`] and [`Lazy::compiled_for`]): below
/// it, building the prefilter costs more than it saves.
const PREFILTER_BYTES: usize = 64 * 1024;

static CACHE: LazyLock<Mutex<HashMap<String, Regex>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The compiled `pattern`, compiled on first use (a clone shares the program).
pub fn regex(pattern: &str) -> Result<Regex, regex::Error> {
    if let Ok(cache) = CACHE.lock() {
        if let Some(r) = cache.get(pattern) {
            return Ok(r.clone());
        }
    }
    let r = timed(pattern, || Regex::new(pattern))?;
    if let Ok(mut cache) = CACHE.lock() {
        cache.insert(pattern.to_string(), r.clone());
    }
    Ok(r)
}

/// Whether `PRLINT_REGEX_COST` is set: every compilation is then timed and
/// reported on standard error (a per-pattern cost table for profiling
/// start-up; see docs/robustness.md).
fn cost_table() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("PRLINT_REGEX_COST").is_some())
}

/// Runs `compile` (the compilation of `pattern`), and when the cost table is
/// on reports its time, and the pattern's length as one tab-separated
/// line: `regex-cost\tMICROSECONDS\tLENGTH\tPATTERN` (a pattern may span lines).
pub fn timed<T>(pattern: &str, compile: impl FnOnce() -> T) -> T {
    timed_as("regex-cost", pattern, compile)
}

/// [`timed`] with another label (`trigger-cost`: reading a pattern's
/// literals, see [`crate::regex_trigger`]).
pub fn timed_as<T>(label: &str, pattern: &str, compile: impl FnOnce() -> T) -> T {
    if !cost_table() {
        return compile();
    }
    let start = std::time::Instant::now();
    let r = compile();
    let us = start.elapsed().as_micros();
    eprintln!("{label}\t{us}\t{}\t{pattern}", pattern.len());
    r
}

/// The lazy regexes made so far and not yet handed to a warm-up worker.
static PENDING: LazyLock<Mutex<Vec<Lazy>>> = LazyLock::new(|| Mutex::new(Vec::new()));

/// Up to this size the warm-up compiles only what the text may match.
const WARM_FILTER_BYTES: usize = 256 * 1024;

/// Whether [`warm_up`] was asked for (a run with fewer files than cores).
static WARM: AtomicBool = AtomicBool::new(false);

/// Lets the first text parsed ([`warm_up_for`]) start a worker thread that
/// compiles, while the caller parses and checks it, the lazy regexes that
/// text may need: a one-file run uses its second core for compiling
/// instead of leaving it idle, and compiles nothing the text cannot match.
pub fn warm_up() {
    WARM.store(true, Ordering::Relaxed);
}

/// After [`warm_up`], compiles on a worker thread (last made first) the
/// lazy regexes made so far whose literals `text` holds ([`Lazy::may_match`]).
/// A regex a rule needs before the worker reaches it is compiled by the
/// rule (or waited for, once started); the results are the same either way.
pub fn warm_up_for(text: &str) {
    if !WARM.swap(false, Ordering::Relaxed) {
        return;
    }
    let list = match PENDING.lock() {
        Ok(mut p) => std::mem::take(&mut *p),
        Err(_) => return,
    };
    if list.is_empty() {
        return;
    }
    // A big text needs most recognisers: all are compiled, without copying it.
    let text = (text.len() <= WARM_FILTER_BYTES).then(|| text.to_string());
    // A plain thread, not the worker pool: a one-file run starts no pool
    // (idle pool workers spin, which cost a pre-commit run more CPU than
    // the compiling they saved).
    let spawned = std::thread::Builder::new().spawn(move || {
        for l in list.iter().rev() {
            if text.as_deref().is_none_or(|t| l.may_match(t)) {
                let _ = &**l;
            }
        }
    });
    // Could not start a thread: the rules compile what they need.
    drop(spawned);
}

/// Every lazy regex made in this process, by pattern.
static MADE: LazyLock<Mutex<HashMap<Arc<str>, Lazy>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The patterns of every lazy regex made so far in this process (for the
/// test that compiles them all).
pub fn made_patterns() -> Vec<String> {
    MADE.lock()
        .map(|m| m.keys().map(|k| k.to_string()).collect())
        .unwrap_or_default()
}

/// A regex compiled on its first search, through the process cache: a run
/// whose releases never reach the search never pays for compiling it (most
/// of a one-file run was compiling recognisers it did not use).
#[derive(Clone)]
pub struct Lazy {
    pattern: Arc<str>,
    /// Compiled without a literal prefilter (cheap to build): the first
    /// searches.
    cell: Arc<OnceLock<Compiled>>,
    /// Compiled with it, once the searches went through [`PREFILTER_BYTES`].
    fast: Arc<OnceLock<Compiled>>,
    /// Bytes searched so far (see `fast`).
    searched: Arc<AtomicUsize>,
    /// The literals every match holds, read on the first search made
    /// before the regex is compiled (see [`Lazy::may_match`]).
    trigger: Arc<OnceLock<Trigger>>,
}

impl Lazy {
    /// The pattern, compiled on first use.
    ///
    /// The same pattern made again (five rules build the same date finder)
    /// is the same lazy regex, compiled at most once. Lazy regexes are
    /// built-in patterns and escaped word lists: their syntax is not
    /// checked here (parsing them was a twentieth of a one-release run);
    /// a test compiles every one a linter makes ([`made_patterns`]).
    pub fn new(pattern: &str) -> Result<Lazy, regex::Error> {
        if let Ok(made) = MADE.lock() {
            if let Some(l) = made.get(pattern) {
                return Ok(l.clone());
            }
        }
        let lazy = Lazy {
            pattern: pattern.into(),
            cell: Arc::new(OnceLock::new()),
            fast: Arc::new(OnceLock::new()),
            searched: Arc::new(AtomicUsize::new(0)),
            trigger: Arc::new(OnceLock::new()),
        };
        if let Ok(mut made) = MADE.lock() {
            made.insert(lazy.pattern.clone(), lazy.clone());
        }
        if let Ok(mut p) = PENDING.lock() {
            p.push(lazy.clone());
        }
        Ok(lazy)
    }

    /// The pattern's source.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// Whether `hay` may hold a match: always once the regex is compiled;
    /// before, whether `hay` holds one of the literals every match holds
    /// ([`Trigger`]). `false` means no match, and the regex need not be
    /// compiled to know it.
    pub fn may_match(&self, hay: &str) -> bool {
        self.cell.get().is_some()
            || self.fast.get().is_some()
            || self
                .trigger
                .get_or_init(|| Trigger::new(&self.pattern, false))
                .fires(hay)
    }

    /// [`Regex::is_match`], compiling the regex only if `hay` may match.
    pub fn is_match(&self, hay: &str) -> bool {
        self.may_match(hay) && self.compiled_for(hay).is_match(hay)
    }

    /// [`Regex::find`], compiling the regex only if `hay` may match.
    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.may_match(hay)
            .then(|| self.compiled_for(hay).find(hay))
            .flatten()
    }

    /// [`Regex::find_at`], compiling the regex only if `hay` may match.
    pub fn find_at<'h>(&self, hay: &'h str, start: usize) -> Option<Match<'h>> {
        self.may_match(hay)
            .then(|| self.compiled_for(hay).find_at(hay, start))
            .flatten()
    }

    /// [`Regex::find_iter`], compiling the regex only if `hay` may match.
    pub fn find_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> impl Iterator<Item = Match<'h>> + use<'r, 'h> {
        self.may_match(hay)
            .then(|| self.compiled_for(hay).find_iter(hay))
            .into_iter()
            .flatten()
    }

    /// [`Regex::captures`], compiling the regex only if `hay` may match.
    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.may_match(hay)
            .then(|| self.compiled_for(hay).captures(hay))
            .flatten()
    }

    /// [`Regex::captures_at`], compiling the regex only if `hay` may match.
    pub fn captures_at<'h>(&self, hay: &'h str, start: usize) -> Option<Captures<'h>> {
        self.may_match(hay)
            .then(|| self.compiled_for(hay).captures_at(hay, start))
            .flatten()
    }

    /// [`Regex::captures_iter`], compiling the regex only if `hay` may match.
    pub fn captures_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + use<'r, 'h> {
        self.may_match(hay)
            .then(|| self.compiled_for(hay).captures_iter(hay))
            .into_iter()
            .flatten()
    }
}

impl Lazy {
    /// The compiled regex for a search of `hay`, compiled now if need be.
    /// The first searches use a build without a literal prefilter (cheap
    /// to make: a one-release run searches a few kilobytes); once the
    /// searches went through [`PREFILTER_BYTES`] (many releases, a large
    /// one), the regex is built again with it, which searches faster. The
    /// two find the same matches. Patterns are built-in or escaped word
    /// lists whose syntax is checked by a test; one that still cannot
    /// compile (beyond the size limit) matches nothing rather than stop the
    /// run.
    fn compiled_for(&self, hay: &str) -> &Compiled {
        if let Some(c) = self.fast.get() {
            return c;
        }
        let before = self.searched.fetch_add(hay.len(), Ordering::Relaxed);
        if before + hay.len() >= PREFILTER_BYTES
            || EXPECTED.load(Ordering::Relaxed) >= PREFILTER_BYTES
        {
            return self.fast.get_or_init(|| self.compile(true));
        }
        self.cell.get_or_init(|| self.compile(false))
    }

    fn compile(&self, prefilter: bool) -> Compiled {
        timed(&self.pattern, || Compiled::new(&self.pattern, prefilter))
            .unwrap_or_else(|_| Compiled::never())
    }
}

impl Deref for Lazy {
    type Target = Compiled;

    /// The compiled regex (see [`Lazy::compiled_for`]).
    fn deref(&self) -> &Compiled {
        self.compiled_for("")
    }
}

impl std::fmt::Debug for Lazy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Lazy").field(&&*self.pattern).finish()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_pattern_same_answers() {
        let a = super::regex(r"\d+").unwrap();
        let b = super::regex(r"\d+").unwrap();
        assert_eq!(
            a.find("ab12").map(|m| m.range()),
            b.find("ab12").map(|m| m.range())
        );
        assert!(super::regex("(").is_err());
    }

    #[test]
    fn lazy_compiles_on_use() {
        let l = super::Lazy::new(r"b+").unwrap();
        assert_eq!(l.find("abbc").map(|m| m.range()), Some(1..3));
        // A pattern that cannot compile matches nothing.
        let bad = super::Lazy::new("(").unwrap();
        assert!(!bad.is_match("(") && bad.find_iter("((").next().is_none());
    }

    /// Every lazy regex the default linter makes (built-in patterns and the
    /// embedded packs' escaped word lists) compiles: their syntax is not
    /// checked when they are made.
    #[test]
    fn every_lazy_regex_of_the_linter_compiles() {
        let cfg = crate::config::Config::default();
        let all = crate::linter::Overrides {
            select: Some(vec!["all".to_string()]),
            ..Default::default()
        };
        let _linter = crate::linter::Linter::new(&cfg, &all).expect("every rule");
        let _defaults = crate::linter::Linter::new(&cfg, &Default::default()).expect("defaults");
        let made = super::made_patterns();
        assert!(made.len() > 10, "{}", made.len());
        for p in made {
            if p == "(" {
                continue; // made by `lazy_compiles_on_use`
            }
            assert!(super::regex(&p).is_ok(), "{p}");
        }
    }

    /// The first searches use the build without a prefilter, the later
    /// ones (past `PREFILTER_BYTES`) the one with it: same matches.
    #[test]
    fn lazy_switches_to_the_prefiltered_build_with_the_same_matches() {
        let p = r"(?i)\b(?:tel|fax)\b[ :]*([0-9 ]+[0-9])";
        let l = super::Lazy::new(p).unwrap();
        let re = regex::Regex::new(p).unwrap();
        let small = "Tél. 1, TEL: 02 555 12 34, faxe 3, Fax 0475 12";
        let big = "x ".repeat(40_000) + small;
        for (i, hay) in [small, big.as_str(), small].into_iter().enumerate() {
            let ours: Vec<_> = l
                .captures_iter(hay)
                .map(|c| c.get(1).map(|m| m.range()))
                .collect();
            let theirs: Vec<_> = re
                .captures_iter(hay)
                .map(|c| c.get(1).map(|m| m.range()))
                .collect();
            assert_eq!(ours, theirs, "{i}");
            assert_eq!(ours.len(), 2, "{i}");
            assert_eq!(l.fast.get().is_some(), i > 0, "{i}");
        }
    }

    #[test]
    fn lazy_searches_skip_texts_without_the_literals() {
        let l = super::Lazy::new(r"(?i)\bquux[0-9]+").unwrap();
        assert!(!l.may_match("nothing to see"));
        assert!(!l.is_match("nothing to see"));
        assert_eq!(
            l.find_iter("a QUUX12 b")
                .map(|m| m.range())
                .collect::<Vec<_>>(),
            vec![2..8]
        );
        assert!(l.captures("quux3").is_some() && l.captures_iter("x").next().is_none());
        assert_eq!(l.find_at("quux1 quux2", 1).map(|m| m.start()), Some(6));
    }
}
