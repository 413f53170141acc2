//! One compiled regex per pattern per process.
//!
//! Several rules build the same recognisers (the date and embargo finders
//! serve five rules); compiling each pattern once keeps start-up cheap,
//! which matters for the one-file pre-commit run.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

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
    let r = Regex::new(pattern)?;
    if let Ok(mut cache) = CACHE.lock() {
        cache.insert(pattern.to_string(), r.clone());
    }
    Ok(r)
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
}
