//! One compiled regex per pattern per process.
//!
//! Several rules build the same recognisers (the date and embargo finders
//! serve five rules); compiling each pattern once keeps start-up cheap,
//! which matters for the one-file pre-commit run.

use std::collections::HashMap;
use std::ops::Deref;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use regex::Regex;

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
    if !cost_table() {
        return compile();
    }
    let start = std::time::Instant::now();
    let r = compile();
    let us = start.elapsed().as_micros();
    eprintln!("regex-cost\t{us}\t{}\t{pattern}", pattern.len());
    r
}

/// The lazy regexes made so far and not yet handed to [`warm_up`].
static PENDING: LazyLock<Mutex<Vec<Lazy>>> = LazyLock::new(|| Mutex::new(Vec::new()));

/// Compiles the lazy regexes made so far on a worker thread (last made
/// first), while the caller reads and parses files: a one-file run uses its
/// second core for compiling instead of leaving it idle. A regex a rule
/// needs before the worker reaches it is compiled by the rule (or waited
/// for, once started); the results are the same either way.
pub fn warm_up() {
    let list = match PENDING.lock() {
        Ok(mut p) => std::mem::take(&mut *p),
        Err(_) => return,
    };
    if list.is_empty() {
        return;
    }
    rayon::spawn(move || {
        for l in list.iter().rev() {
            let _ = &**l;
        }
    });
}

/// Every lazy regex made in this process, by pattern.
static MADE: LazyLock<Mutex<HashMap<Arc<str>, Lazy>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// A regex compiled on its first search, through the process cache: a run
/// whose releases never reach the search never pays for compiling it (most
/// of a one-file run was compiling recognisers it did not use).
#[derive(Clone)]
pub struct Lazy {
    pattern: Arc<str>,
    cell: Arc<OnceLock<Regex>>,
}

impl Lazy {
    /// The pattern, checked for syntax now and compiled on first use.
    ///
    /// The same pattern made again (five rules build the same date finder)
    /// is the same lazy regex: checked once, compiled at most once.
    pub fn new(pattern: &str) -> Result<Lazy, regex::Error> {
        if let Ok(made) = MADE.lock() {
            if let Some(l) = made.get(pattern) {
                return Ok(l.clone());
            }
        }
        regex_syntax::ast::parse::Parser::new()
            .parse(pattern)
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        let lazy = Lazy {
            pattern: pattern.into(),
            cell: Arc::new(OnceLock::new()),
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
}

impl Deref for Lazy {
    type Target = Regex;

    /// The compiled regex. Patterns are built-in or escaped word lists whose
    /// syntax was checked by [`Lazy::new`]; one that still cannot compile
    /// (beyond the size limit) matches nothing rather than stop the run.
    fn deref(&self) -> &Regex {
        self.cell.get_or_init(|| {
            regex(&self.pattern)
                .unwrap_or_else(|_| Regex::new("[^\\s\\S]").expect("the empty class compiles"))
        })
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
    fn lazy_checks_syntax_and_compiles_on_use() {
        assert!(super::Lazy::new("(").is_err());
        let l = super::Lazy::new(r"b+").unwrap();
        assert_eq!(l.find("abbc").map(|m| m.range()), Some(1..3));
    }
}
